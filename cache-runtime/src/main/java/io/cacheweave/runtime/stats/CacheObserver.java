package io.cacheweave.runtime.stats;

/**
 * Told about cache events as they happen, for bridges that record per-event data (OpenTelemetry spans, Micrometer
 * timers). Register with {@code CacheRuntime.monitor().addObserver(...)}. Every method has an empty default; they are
 * called on the thread of the event and must be quick and must not throw (what they throw is logged once and
 * ignored).
 *
 * <p>Memory-tier hits are counted but reported one by one only when {@code cacheweave.otel.memory-hit-spans} is on
 * ({@link #onMemoryHit}): otherwise that would put a call on the hit path. Everything else is reported.
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
     * A lookup in a shared tier finished, with its key and, when the tier failed, why. The default calls
     * {@link #onSharedGet(String, String, boolean, long, long)}.
     *
     * @param operation the operation
     * @param tier {@code redis} or {@code file}
     * @param logicalKey the logical key looked up ({@code operation:part...}, as rendered; may hold request text:
     *     see {@code CacheMonitorTelemetry} for how spans show it)
     * @param hit whether it found a usable value
     * @param startEpochNanos when it started, nanoseconds since the epoch
     * @param nanos how long it took
     * @param failure what the tier threw (the lookup then counts as a miss), or {@code null}
     */
    default void onSharedGet(String operation, String tier, String logicalKey, boolean hit, long startEpochNanos,
            long nanos, Throwable failure) {
        onSharedGet(operation, tier, hit, startEpochNanos, nanos);
    }

    /**
     * A memory-tier hit; reported only while {@code cacheweave.otel.memory-hit-spans} is on.
     *
     * @param operation the operation
     * @param logicalKey the logical key that was hit, as rendered
     */
    default void onMemoryHit(String operation, String logicalKey) {
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
