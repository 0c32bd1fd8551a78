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
}
