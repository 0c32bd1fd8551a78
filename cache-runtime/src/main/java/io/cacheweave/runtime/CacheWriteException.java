package io.cacheweave.runtime;

import java.util.Objects;

/**
 * Thrown by a {@link StrictCache} (see {@link Cache#strict()}) when a write, delete or invalidation did not reach the
 * shared tier: Redis or the file tier failed, timed out, or its circuit breaker was open. The memory tier of this
 * node has been changed all the same (a put is held there, a delete or invalidation has removed the entries there),
 * and other nodes have been told to drop their memory copies; only the shared tier may still hold the old state.
 * The plain {@link Cache} never throws this: it is fail-open.
 */
public class CacheWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String cache;
    private final String call;
    private final String tier;

    /**
     * @param cache the cache's name
     * @param call what was asked, such as {@code put of [k]}
     * @param tier the shared tier that did not take it: {@code redis}, {@code file} or {@code shared}
     * @param cause why
     */
    public CacheWriteException(String cache, String call, String tier, Throwable cause) {
        super("cache " + cache + ": " + call + " did not reach the shared tier (" + tier + "): "
                + Objects.requireNonNull(cause, "cause must not be null").getMessage(), cause);
        this.cache = cache;
        this.call = call;
        this.tier = tier;
    }

    /** @return the cache's name */
    public String cache() {
        return cache;
    }

    /** @return what was asked, such as {@code put of [k]} or {@code invalidatePattern("doc-*")} */
    public String call() {
        return call;
    }

    /** @return the shared tier that did not take it: {@code redis}, {@code file} or {@code shared} */
    public String tier() {
        return tier;
    }
}
