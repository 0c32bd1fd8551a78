package io.cacheweave.runtime;

import io.cacheweave.runtime.key.KeyWriter;

/**
 * Receives the invalidations of one call of an {@code @Invalidate} method. Generated {@link InvalidateFunction}s
 * call it; so can code that cannot be annotated.
 */
public interface Invalidator {

    /** @return a new writer for a pattern, with this runtime's hash threshold */
    KeyWriter patternWriter();

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
}
