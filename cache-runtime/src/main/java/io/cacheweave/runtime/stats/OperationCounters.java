package io.cacheweave.runtime.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one operation. Thread-safe; increments are cheap and never block. Read them with
 * {@link #snapshot()}.
 */
public final class OperationCounters {
    private final String operation;
    private final HitCounter hits = new HitCounter();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder singleFlightWaits = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder expirations = new LongAdder();
    private final LongAdder invalidations = new LongAdder();

    /** @param operation the operation counted */
    public OperationCounters(String operation) {
        this.operation = operation;
    }

    /** Counts a hit: a plain increment on a per-thread cell (see {@link HitCounter} for its exactness). */
    public void hit() {
        hits.increment();
    }

    /** @return the hit counter itself, for the hit path to hold directly */
    public HitCounter hitCounter() {
        return hits;
    }

    /** Counts a miss. */
    public void miss() {
        misses.increment();
    }

    /** @param nanos duration of a successful load */
    public void loaded(long nanos) {
        loads.increment();
        loadNanos.add(nanos);
    }

    /** @param nanos duration of a load that threw */
    public void loadFailed(long nanos) {
        loadFailures.increment();
        loadNanos.add(nanos);
    }

    /** Counts a caller that waited for another caller's load. */
    public void singleFlightWait() {
        singleFlightWaits.increment();
    }

    /** Counts a size eviction. */
    public void evicted() {
        evictions.increment();
    }

    /** Counts an expiration. */
    public void expired() {
        expirations.increment();
    }

    /** Counts an invalidation request. */
    public void invalidated() {
        invalidations.increment();
    }

    /** @return the counters now */
    public OperationStats snapshot() {
        return new OperationStats(operation, hits.sum(), misses.sum(), loads.sum(), loadFailures.sum(),
                loadNanos.sum(), singleFlightWaits.sum(), evictions.sum(), expirations.sum(), invalidations.sum());
    }
}
