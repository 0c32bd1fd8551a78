package io.cacheweave.runtime.stats;

/**
 * The monitor of one runtime: {@code CacheRuntime.monitor()}. Thread-safe. The memory it holds is bounded (sliding
 * windows, a fixed-size top-key sketch, history pruned to the retention window).
 */
public interface CacheMonitor {

    /** @return everything known now */
    MonitorSnapshot snapshot();

    /** @return {@link #snapshot()} as JSON (schema in the README) */
    String snapshotJson();

    /** @param observer told about events from now on */
    void addObserver(CacheObserver observer);

    /** @param observer no longer told */
    void removeObserver(CacheObserver observer);

    /**
     * Adds rows of work saved at the source to every snapshot from now on ({@link MonitorSnapshot#usageSaved()}); rows
     * of several registrations for the same cache and source are summed.
     *
     * @param savings asked at every snapshot
     * @throws UnsupportedOperationException when this monitor takes none (the runtime's own monitor does)
     */
    default void addUsageSavings(UsageSavings savings) {
        throw new UnsupportedOperationException("monitor " + getClass().getName() + " takes no usage savings");
    }

    /** @param savings no longer asked */
    default void removeUsageSavings(UsageSavings savings) {
    }
}
