package io.cacheweave.runtime.internal;

import io.cacheweave.runtime.stats.CacheMeasurements;
import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The monitor's latest snapshot, flattened into {@link CacheMeasurements}, kept for a short while: a registry that
 * reads N meters in one scrape builds one snapshot, not N.
 */
public final class SnapshotCache {

    /** How long a snapshot is reused by default. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

    /**
     * One flattened snapshot.
     *
     * @param snapshot the snapshot
     * @param measurements its measurements, in {@link CacheMeasurements#of} order
     * @param values the same by key
     */
    public record Readings(MonitorSnapshot snapshot, List<CacheMeasurements.Measurement> measurements,
            Map<CacheMeasurements.Key, Double> values) {
    }

    private final CacheMonitor monitor;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private Readings latest;
    private long takenAt;

    /**
     * @param monitor the monitor to read
     * @param maxAge how long a snapshot is reused; zero to take one on every read
     * @param nanoTime the clock of {@code maxAge}, {@code System::nanoTime} outside tests
     */
    public SnapshotCache(CacheMonitor monitor, Duration maxAge, LongSupplier nanoTime) {
        this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("snapshot max age must not be negative: " + maxAge);
        }
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime must not be null");
    }

    /** @return the monitor read */
    public CacheMonitor monitor() {
        return monitor;
    }

    /**
     * @return the readings of a snapshot at most the max age old, taking a new one if needed
     * @throws RuntimeException what the monitor throws
     */
    public synchronized Readings read() {
        long now = nanoTime.getAsLong();
        if (latest == null || maxAgeNanos == 0 || now - takenAt >= maxAgeNanos) {
            MonitorSnapshot snapshot = monitor.snapshot();
            List<CacheMeasurements.Measurement> measurements = CacheMeasurements.of(snapshot);
            Map<CacheMeasurements.Key, Double> values = new HashMap<>();
            for (CacheMeasurements.Measurement m : measurements) {
                values.put(m.key(), m.value());
            }
            latest = new Readings(snapshot, List.copyOf(measurements), Map.copyOf(values));
            takenAt = now;
        }
        return latest;
    }
}
