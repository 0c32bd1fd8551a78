package io.cacheweave.runtime.stats;

import java.util.List;

/**
 * What caching saved, as {@link MonitorSnapshot.Saved}: the calls the cache answered without running the method, and
 * an estimate of the method time they saved, the calls times the operation's mean load time (over the latency
 * window, or since the start when no load finished in the window).
 */
public final class Savings {
    private Savings() {
    }

    /**
     * @param counters an operation's counters
     * @param now the clock reading
     * @return the mean load time in nanoseconds the estimate uses: over the latency window when a load finished in
     *     it, else since the start; 0 when no load has been timed
     */
    public static double meanLoadNanos(OperationCounters counters, long now) {
        OperationDetail detail = counters.detail();
        double window = detail == null ? 0 : detail.loads().mean(now);
        return window > 0 ? window : counters.snapshot().averageLoadNanos();
    }

    /**
     * @param stats an operation's counters
     * @param meanLoadNanos as {@link #meanLoadNanos}
     * @return what its hits saved
     */
    public static MonitorSnapshot.Saved of(OperationStats stats, double meanLoadNanos) {
        return new MonitorSnapshot.Saved(stats.hits(), meanLoadNanos, estimate(stats.hits(), meanLoadNanos));
    }

    /**
     * @param hits calls answered from the cache
     * @param meanLoadNanos the mean load time, nanoseconds
     * @return their estimated method time, nanoseconds
     */
    public static long estimate(long hits, double meanLoadNanos) {
        return Math.round(hits * meanLoadNanos);
    }

    /**
     * @param operations the operations of a snapshot
     * @return the savings of the application's operations summed (supporting caches left out: their hits are a
     *     library's own lookups, not calls of the application); the mean load time is the estimate over the calls
     *     (0 without calls)
     */
    public static MonitorSnapshot.Saved total(List<MonitorSnapshot.Operation> operations) {
        long calls = 0;
        long nanos = 0;
        for (MonitorSnapshot.Operation o : operations) {
            if (o.saved() != null && !o.supporting()) {
                calls += o.saved().calls();
                nanos += o.saved().estimatedNanos();
            }
        }
        return new MonitorSnapshot.Saved(calls, calls == 0 ? 0 : (double) nanos / calls, nanos);
    }
}
