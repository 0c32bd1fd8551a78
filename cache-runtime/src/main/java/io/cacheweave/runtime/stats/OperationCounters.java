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
    private final LongAdder sharedHits = new LongAdder();
    private final LongAdder sharedMisses = new LongAdder();
    private final LongAdder sharedWrites = new LongAdder();
    private final LongAdder decodeFailures = new LongAdder();
    private final LongAdder encodeFailures = new LongAdder();
    private final LongAdder leaseWaits = new LongAdder();

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

    /** At most this many distinct invalidation contexts are counted apart; the others under {@link #OTHER_CONTEXT}. */
    public static final int MAX_CONTEXTS = 100;
    /** The context under which invalidations beyond {@link #MAX_CONTEXTS} distinct contexts are counted. */
    public static final String OTHER_CONTEXT = "(other)";
    private final java.util.Map<String, LongAdder> invalidationContexts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder invalidatedEntries = new LongAdder();

    /**
     * Counts an invalidation request of a programmatic cache with why it was made: one more {@link #invalidated()},
     * {@code removed} more invalidated entries, and one more for {@code context} (when not {@code null}).
     *
     * @param target the pattern or name invalidated (for the caller's log; not kept)
     * @param context why, such as {@code "model updated"}; may be {@code null}
     * @param removed how many entries went
     */
    public void invalidated(String target, String context, long removed) {
        invalidations.increment();
        invalidatedEntries.add(Math.max(0, removed));
        if (context != null) {
            String counted = invalidationContexts.size() < MAX_CONTEXTS || invalidationContexts.containsKey(context)
                    ? context : OTHER_CONTEXT;
            invalidationContexts.computeIfAbsent(counted, c -> new LongAdder()).increment();
        }
    }

    /** @return invalidation requests by context, as counted by {@link #invalidated(String, String, long)} */
    public java.util.Map<String, Long> invalidationContexts() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        invalidationContexts.forEach((c, n) -> counts.put(c, n.sum()));
        return counts;
    }

    /** @return entries removed by invalidations counted with {@link #invalidated(String, String, long)} */
    public long invalidatedEntries() {
        return invalidatedEntries.sum();
    }

    /** Counts a call answered by the shared tier (a memory-tier miss). */
    public void sharedHit() {
        sharedHits.increment();
    }

    /** Counts a shared-tier lookup that found nothing usable. */
    public void sharedMiss() {
        sharedMisses.increment();
    }

    /** Counts a value offered to the shared tier. */
    public void sharedWrite() {
        sharedWrites.increment();
    }

    /** Counts stored bytes that could not be decoded (the entry is removed). */
    public void decodeFailed() {
        decodeFailures.increment();
    }

    /** Counts a result that could not be encoded for the shared tier (it stays in the memory tier). */
    public void encodeFailed() {
        encodeFailures.increment();
    }

    /** Counts a caller that waited for another node's load under a distributed lease. */
    public void leaseWait() {
        leaseWaits.increment();
    }

    /** @return the counters now */
    public OperationStats snapshot() {
        long shared = sharedHits.sum();
        return new OperationStats(operation, hits.sum() + shared, misses.sum(), loads.sum(), loadFailures.sum(),
                loadNanos.sum(), singleFlightWaits.sum(), evictions.sum(), expirations.sum(), invalidations.sum(),
                shared, sharedMisses.sum(), sharedWrites.sum(), decodeFailures.sum(), encodeFailures.sum(), leaseWaits.sum());
    }
}
