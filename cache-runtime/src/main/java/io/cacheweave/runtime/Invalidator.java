package io.cacheweave.runtime;

import io.cacheweave.runtime.key.KeyWriter;

/**
 * Receives the invalidations of one call of an {@code @Invalidate} method. Generated {@link InvalidateFunction}s
 * call it; so can code that cannot be annotated. Part of the woven ABI (see ARCHITECTURE.md): generated code calls
 * it, so its methods change only in ways old generated code still links against.
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
    void invalidatePattern(String pattern);

    /**
     * Removes every entry of {@code operation}.
     *
     * @param operation an operation name
     */
    void invalidateOperation(String operation);

    /**
     * Removes every entry carrying {@code tag} ({@code @Cached(tags = ...)}, {@link Cache#put(Object, Object,
     * Duration, java.util.Collection)}), of every operation: one round trip to the shared tier (the tag's next
     * generation), and one message to the other nodes.
     *
     * @param tag the tag, as rendered
     */
    void invalidateTag(String tag);

    /**
     * Removes the one entry whose logical key is {@code operation:renderedKey}. It is an {@link #invalidatePattern}
     * in which every glob character of the key is escaped, so it takes the same way through every tier and node.
     *
     * @param operation an operation name
     * @param renderedKey the key after {@code operation:}, as a {@link #keyWriter()} renders it
     */
    default void invalidateKey(String operation, String renderedKey) {
        invalidatePattern(patternWriter().literal(operation + ":").raw(renderedKey).toString());
    }

    /**
     * @param pattern a glob over logical keys
     * @deprecated the old name, kept for key builders generated before 0.1.0; use {@link #invalidatePattern}
     */
    @Deprecated
    default void pattern(String pattern) {
        invalidatePattern(pattern);
    }

    /**
     * @param operation an operation name
     * @deprecated the old name, kept for key builders generated before 0.1.0; use {@link #invalidateOperation}
     */
    @Deprecated
    default void operation(String operation) {
        invalidateOperation(operation);
    }

    /**
     * @param operation an operation name
     * @param renderedKey the rendered key
     * @deprecated the old name, kept for key builders generated before 0.1.0; use {@link #invalidateKey}
     */
    @Deprecated
    default void key(String operation, String renderedKey) {
        invalidateKey(operation, renderedKey);
    }
}
