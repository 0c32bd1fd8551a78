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
    private final LongAdder resultsTooLarge = new LongAdder();

    private final Recording recording;
    private final OperationDetail detail;

    /** @param operation the operation counted, with plain counters only */
    public OperationCounters(String operation) {
        this(operation, Recording.OFF);
    }

    /**
     * @param operation the operation counted
     * @param recording the runtime's recording; when it is {@linkplain Recording#enabled() on}, latencies, key and
     *     value sizes, invalidation details and sampled keys are recorded too, and observers are told
     */
    public OperationCounters(String operation, Recording recording) {
        this.operation = operation;
        this.recording = recording;
        this.detail = recording.enabled() ? new OperationDetail(recording) : null;
    }

    /** @return the operation counted */
    public String operation() {
        return operation;
    }

    /** @return the runtime's recording */
    public Recording recording() {
        return recording;
    }

    /** @return the detailed recording, or {@code null} when it is off */
    public OperationDetail detail() {
        return detail;
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
        loadDetail(nanos, null);
    }

    /** @param nanos duration of a load that threw */
    public void loadFailed(long nanos) {
        loadFailed(nanos, null);
    }

    /** @param nanos duration of a load that threw @param failure what it threw, for observers; may be null */
    public void loadFailed(long nanos, Throwable failure) {
        loadFailures.increment();
        loadNanos.add(nanos);
        loadDetail(nanos, failure == null ? new RuntimeException("load failed") : failure);
    }

    private void loadDetail(long nanos, Throwable failure) {
        if (detail == null) {
            return;
        }
        detail.load(nanos);
        if (recording.observed()) {
            long start = recording.epochNanos(recording.now()) - nanos;
            recording.fire(o -> o.onLoad(operation, start, nanos, failure));
        }
    }

    /**
     * A shared-tier lookup finished (hit or miss are counted by {@link #sharedHit()} and {@link #sharedMiss()}).
     *
     * @param tier {@code redis} or {@code file}
     * @param startEpochNanos when it started, nanoseconds since the epoch
     * @param nanos how long it took
     * @param hit whether it found a usable value
     */
    public void sharedGet(String tier, long startEpochNanos, long nanos, boolean hit) {
        sharedGet(tier, null, startEpochNanos, nanos, hit, null);
    }

    /**
     * A shared-tier lookup finished, as {@link #sharedGet(String, long, long, boolean)}, with its key and failure.
     *
     * @param logicalKey the logical key, or {@code null}
     * @param failure what the tier threw, or {@code null}
     */
    public void sharedGet(String tier, String logicalKey, long startEpochNanos, long nanos, boolean hit,
            Throwable failure) {
        if (detail == null) {
            return;
        }
        detail.sharedGet(tier, nanos);
        if (recording.observed()) {
            recording.fire(o -> o.onSharedGet(operation, tier, logicalKey, hit, startEpochNanos, nanos, failure));
        }
    }

    /**
     * A memory-tier hit, told to observers ({@code cacheweave.otel.memory-hit-spans}); the key is rendered only when
     * someone observes.
     *
     * @param logicalKey renders the key the memory tier answered
     */
    public void memoryHit(java.util.function.Supplier<String> logicalKey) {
        if (recording.observed()) {
            String key = logicalKey.get();
            recording.fire(o -> o.onMemoryHit(operation, key));
        }
    }

    /** @param tier {@code redis} or {@code file} @param nanos how long a write took */
    public void sharedPut(String tier, long nanos) {
        if (detail != null) {
            detail.sharedPut(tier, nanos);
        }
    }

    /** @param tier the shared tier @param timeout whether the failed call timed out */
    public void sharedError(String tier, boolean timeout) {
        if (detail != null) {
            detail.sharedError(tier, timeout);
        }
    }

    /**
     * A logical key was rendered to text (on the way to the shared tier).
     *
     * @param nanos how long it took
     * @param textLength characters of the text it was rendered from (a hashed part counts with its full length)
     * @param hashed whether a part was hashed
     */
    public void keyRendered(long nanos, long textLength, boolean hashed) {
        if (detail != null) {
            detail.keyRendered(nanos, textLength, hashed);
        }
    }

    /**
     * A value was encoded for the shared tier.
     *
     * @param rawBytes bytes of the JSON payload
     * @param storedBytes bytes written (envelope and payload, compressed or not)
     * @param compressed whether the payload was compressed
     * @param compressionNanos time spent compressing (0 when not tried)
     */
    public void valueStored(int rawBytes, int storedBytes, boolean compressed, long compressionNanos) {
        if (detail != null) {
            detail.valueStored(rawBytes, storedBytes, compressed, compressionNanos);
        }
    }

    /**
     * An access to a key, for the most-accessed keys.
     *
     * @param item the key, with value equality; its {@code toString()} is not used (the monitor renders it)
     * @param weight accesses it stands for (the sampling interval for sampled hits)
     */
    public void accessed(Object item, long weight) {
        if (detail != null) {
            recording.topKeys().offer(item, weight);
        }
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
    public static final int MAX_CONTEXTS = 32;
    /** The context under which invalidations beyond {@link #MAX_CONTEXTS} distinct contexts are counted. */
    public static final String OTHER_CONTEXT = "(other)";
    private final java.util.Map<String, LongAdder> invalidationContexts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder invalidatedEntries = new LongAdder();

    /**
     * Counts an invalidation request with its details: one more {@link #invalidated()}, {@code keysRemoved} more
     * invalidated entries, one more for {@code context}, and (with the monitor on) the last request's details. The
     * runtime tells observers once per request.
     *
     * @param target the pattern, {@code operation:<name>}, or the exact key
     * @param context who invalidates and why (the invalidating method, {@code remote}, a caller's text), or
     *     {@code ""} (also for {@code null})
     * @param keysRemoved entries removed by it from the tiers
     */
    public void invalidated(String target, String context, long keysRemoved) {
        invalidations.increment();
        invalidatedEntries.add(Math.max(0, keysRemoved));
        String c = context == null ? "" : context;
        LongAdder n = invalidationContexts.get(c);
        if (n == null) {
            n = invalidationContexts.computeIfAbsent(invalidationContexts.size() < MAX_CONTEXTS ? c : OTHER_CONTEXT,
                    x -> new LongAdder());
        }
        n.increment();
        if (detail != null) {
            detail.invalidated(target, c, keysRemoved);
        }
    }

    /** @return invalidation requests by context, as counted by {@link #invalidated(String, String, long)}, sorted */
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

    /** Counts a {@code Flux} result longer than {@code cacheweave.flux.max-elements}, which was not stored. */
    public void resultTooLarge() {
        resultsTooLarge.increment();
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
                shared, sharedMisses.sum(), sharedWrites.sum(), decodeFailures.sum(), encodeFailures.sum(), leaseWaits.sum(),
                resultsTooLarge.sum());
    }
}
