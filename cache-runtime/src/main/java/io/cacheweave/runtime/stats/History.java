package io.cacheweave.runtime.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-operation samples for charts, one per operation per interval, kept for the retention window and pruned when a
 * sample is added or read. Bounded: at most {@code retention / interval} samples per operation (360 with the defaults,
 * about 150 bytes each). Thread-safe (synchronized; touched once per interval and per snapshot).
 */
public final class History {
    private final Duration retention;
    private final Deque<MonitorSnapshot.HistoryPoint> points = new ArrayDeque<>();
    private final Map<String, long[]> previous = new HashMap<>(); // operation -> {hits, misses} at the last sample

    /** @param retention how long samples are kept */
    public History(Duration retention) {
        this.retention = retention;
    }

    /**
     * Adds one sample of one operation: its hits and misses since its previous sample, and what they saved. An
     * interval without calls has no hit ratio and no saving ({@code null}: no data), and one without timed lookups
     * no latency.
     *
     * @param at when
     * @param stats the operation's counters now
     * @param get the get latency of the interval that just ended
     * @param meanLoadNanos the mean load time the interval's hits are valued at (see {@link Savings})
     * @param memory the operation's memory tier now
     */
    public synchronized void sample(Instant at, OperationStats stats, MonitorSnapshot.Latency get,
            double meanLoadNanos, MonitorSnapshot.MemoryFill memory) {
        long[] before = previous.computeIfAbsent(stats.operation(), op -> new long[2]);
        long hits = Math.max(0, stats.hits() - before[0]);
        long misses = Math.max(0, stats.misses() - before[1]);
        before[0] = stats.hits();
        before[1] = stats.misses();
        boolean called = hits + misses > 0;
        boolean timed = get.count() > 0;
        points.addLast(new MonitorSnapshot.HistoryPoint(at, stats.operation(), hits, misses,
                called ? (double) hits / (hits + misses) : null, timed ? get.p50() : null, timed ? get.p99() : null,
                called ? Savings.estimate(hits, meanLoadNanos) : null, memory.entries(), memory.bytes()));
        prune(at);
    }

    /** @param now the time now @return every sample within the retention window, oldest first */
    public synchronized List<MonitorSnapshot.HistoryPoint> points(Instant now) {
        prune(now);
        return new ArrayList<>(points);
    }

    /** @return the number of samples held */
    public synchronized int size() {
        return points.size();
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(retention);
        while (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)) {
            points.removeFirst();
        }
    }
}
