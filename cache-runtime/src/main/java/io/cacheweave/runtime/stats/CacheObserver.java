package io.cacheweave.runtime.stats;

/**
 * Told about cache events as they happen, for bridges that record per-event data (OpenTelemetry spans, Micrometer
 * timers). Register with {@code CacheRuntime.monitor().addObserver(...)}. Every method has an empty default; they are
 * called on the thread of the event and must be quick and must not throw (what they throw is logged once and
 * ignored).
 *
 * <p>Memory-tier hits are counted but never reported one by one: that would put a call on the hit path. Everything
 * else is reported.
 */
public interface CacheObserver {

    /**
     * A lookup in a shared tier finished.
     *
     * @param operation the operation
     * @param tier {@code redis} or {@code file}
     * @param hit whether it found a usable value
     * @param startEpochNanos when it started, nanoseconds since the epoch
     * @param nanos how long it took
     */
    default void onSharedGet(String operation, String tier, boolean hit, long startEpochNanos, long nanos) {
    }

    /**
     * A load (the method body, or a programmatic loader) finished.
     *
     * @param operation the operation
     * @param startEpochNanos when it started, nanoseconds since the epoch
     * @param nanos how long it took
     * @param failure what it threw, or {@code null}
     */
    default void onLoad(String operation, long startEpochNanos, long nanos, Throwable failure) {
    }

    /**
     * An invalidation was applied on this node.
     *
     * @param operation the operation, or {@code ""} when it spans operations
     * @param target the pattern or key
     * @param context the caller's context, or {@code ""}
     * @param keysRemoved entries removed
     */
    default void onInvalidation(String operation, String target, String context, long keysRemoved) {
    }

    /**
     * A shared tier's circuit breaker changed state.
     *
     * @param tier {@code redis} or {@code file}
     * @param from the state before
     * @param to the state now
     */
    default void onBreakerStateChange(String tier, String from, String to) {
    }

    /** @param alert a threshold crossed (reported once per crossing) */
    default void onAlert(MonitorSnapshot.Alert alert) {
    }
}
