package io.cacheweave.runtime.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The monitor's settings ({@code cacheweave.monitor.*}), part of {@link Settings}: {@link Settings#monitor()}.
 * Immutable; change one with its {@code withX} method.
 *
 * @param enabled {@code cacheweave.monitor.enabled}: record latencies, sizes, top keys, history, alerts and
 *     recommendations; the plain counters are kept either way
 * @param jmx {@code cacheweave.monitor.jmx}: register the MBeans on the platform MBean server
 * @param interval {@code cacheweave.monitor.interval}: how often a history sample is taken; also one slot of the
 *     latency windows
 * @param retention {@code cacheweave.monitor.retention}: how long history samples are kept
 * @param latencyWindow {@code cacheweave.monitor.latency-window}: how far back the latency percentiles reach
 *     (rounded up to a whole number of intervals, at most 60)
 * @param topKeys {@code cacheweave.monitor.top-keys}: how many of the most accessed keys are reported
 * @param mediumBytes {@code cacheweave.size-tier.medium}: stored values whose JSON is at least this many bytes
 *     are {@code medium}
 * @param largeBytes {@code cacheweave.size-tier.large}: at least this many bytes are {@code large}
 * @param xlargeBytes {@code cacheweave.size-tier.xlarge}: at least this many bytes are {@code xlarge} (seed 002's third
 *     bound, 50,000)
 * @param memoryWarningBytes {@code cacheweave.monitor.alert.memory-warning}: estimated memory-tier bytes that raise
 *     a WARNING alert
 * @param memoryCriticalBytes {@code cacheweave.monitor.alert.memory-critical}: bytes that raise a CRITICAL alert
 * @param slowLoad {@code cacheweave.monitor.alert.slow-load}: an operation whose mean load time over the latency
 *     window exceeds this raises a {@code slow-operation} alert
 * @param invalidationsPerMinute {@code cacheweave.monitor.alert.invalidations-per-minute}: more invalidation
 *     requests than this in the last minute raise an {@code invalidation-rate} alert
 */
public record MonitorSettings(boolean enabled, boolean jmx, Duration interval, Duration retention,
        Duration latencyWindow, int topKeys, int mediumBytes, int largeBytes, int xlargeBytes,
        long memoryWarningBytes, long memoryCriticalBytes, Duration slowLoad, long invalidationsPerMinute) {

    /** The defaults. */
    public static final MonitorSettings DEFAULTS = new MonitorSettings(true, true, Duration.ofSeconds(10),
            Duration.ofHours(1), Duration.ofMinutes(1), 10, 500, 5000, 50_000, 50L << 20, 100L << 20,
            Duration.ofSeconds(5), 100);

    /** Checks every value. */
    public MonitorSettings {
        Settings.Builder.positive("monitor.interval", interval);
        Settings.Builder.positive("monitor.retention", retention);
        Settings.Builder.positive("monitor.latency-window", latencyWindow);
        Settings.Builder.positive("monitor.alert.slow-load", slowLoad);
        Settings.Builder.positive("monitor.top-keys", topKeys);
        Settings.Builder.positive("size-tier.medium", mediumBytes);
        Settings.Builder.positive("size-tier.large", largeBytes);
        Settings.Builder.positive("size-tier.xlarge", xlargeBytes);
        Settings.Builder.positive("monitor.alert.memory-warning", memoryWarningBytes);
        Settings.Builder.positive("monitor.alert.memory-critical", memoryCriticalBytes);
        Settings.Builder.positive("monitor.alert.invalidations-per-minute", invalidationsPerMinute);
    }

    /** @return the number of slots of a latency window: the window over the interval, rounded up, 1 to 60 */
    public int latencySlots() {
        long n = (latencyWindow.toNanos() + interval.toNanos() - 1) / interval.toNanos();
        return (int) Math.max(1, Math.min(60, n));
    }

    /** @param v see {@link #enabled()} @return a copy with it */
    public MonitorSettings withEnabled(boolean v) {
        return new MonitorSettings(v, jmx, interval, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #jmx()} @return a copy with it */
    public MonitorSettings withJmx(boolean v) {
        return new MonitorSettings(enabled, v, interval, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #interval()} @return a copy with it */
    public MonitorSettings withInterval(Duration v) {
        return new MonitorSettings(enabled, jmx, v, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #retention()} @return a copy with it */
    public MonitorSettings withRetention(Duration v) {
        return new MonitorSettings(enabled, jmx, interval, v, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #latencyWindow()} @return a copy with it */
    public MonitorSettings withLatencyWindow(Duration v) {
        return new MonitorSettings(enabled, jmx, interval, retention, v, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #topKeys()} @return a copy with it */
    public MonitorSettings withTopKeys(int v) {
        return new MonitorSettings(enabled, jmx, interval, retention, latencyWindow, v, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #mediumBytes()} @return a copy with it */
    public MonitorSettings withMediumBytes(int v) {
        return new MonitorSettings(enabled, jmx, interval, retention, latencyWindow, topKeys, v, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #largeBytes()} (below {@link #mediumBytes()} it acts as that) @return a copy with it */
    public MonitorSettings withLargeBytes(int v) {
        return new MonitorSettings(enabled, jmx, interval, retention, latencyWindow, topKeys, mediumBytes, v,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #xlargeBytes()} (below {@link #largeBytes()} it acts as that) @return a copy with it */
    public MonitorSettings withXlargeBytes(int v) {
        return new MonitorSettings(enabled, jmx, interval, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                v, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #memoryWarningBytes()} @return a copy with it */
    public MonitorSettings withMemoryWarningBytes(long v) {
        return new MonitorSettings(enabled, jmx, interval, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, v, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #memoryCriticalBytes()} @return a copy with it */
    public MonitorSettings withMemoryCriticalBytes(long v) {
        return new MonitorSettings(enabled, jmx, interval, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, v, slowLoad, invalidationsPerMinute);
    }

    /** @param v see {@link #slowLoad()} @return a copy with it */
    public MonitorSettings withSlowLoad(Duration v) {
        return new MonitorSettings(enabled, jmx, interval, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, v, invalidationsPerMinute);
    }

    /** @param v see {@link #invalidationsPerMinute()} @return a copy with it */
    public MonitorSettings withInvalidationsPerMinute(long v) {
        return new MonitorSettings(enabled, jmx, interval, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, v);
    }
}
