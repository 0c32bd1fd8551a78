package io.cacheweave.runtime;

import io.cacheweave.runtime.key.KeyWriter;

/**
 * Receives the invalidations of one call of an {@code @Invalidate} method. Generated {@link InvalidateFunction}s
 * call it; so can code that cannot be annotated.
 */
public interface Invalidator {

    /** @return a new writer for a pattern, with this runtime's hash threshold */
    KeyWriter patternWriter();

    /** @return a new writer for key text, with this runtime's hash threshold */
    KeyWriter keyWriter();

    /**
     * Removes every entry whose logical key matches the glob {@code pattern}.
     *
     * @param pattern a glob over logical keys (see {@code @Invalidate.pattern})
     */
    void pattern(String pattern);

    /**
     * Removes every entry of {@code operation}.
     *
     * @param operation an operation name
     */
    void operation(String operation);

    /**
     * Removes the one entry whose logical key is {@code operation:renderedKey}. It is a {@link #pattern} in which
     * every glob character of the key is escaped, so it takes the same way through every tier and node.
     *
     * @param operation an operation name
     * @param renderedKey the key after {@code operation:}, as a {@link #keyWriter()} renders it
     */
    default void key(String operation, String renderedKey) {
        pattern(patternWriter().literal(operation + ":").raw(renderedKey).toString());
    }
}
