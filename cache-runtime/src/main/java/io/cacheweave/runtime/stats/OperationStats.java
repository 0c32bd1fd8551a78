package io.cacheweave.runtime.stats;

/**
 * Counters of one operation at one moment, summed over the methods and tiers that serve it.
 *
 * @param operation the operation name
 * @param hits calls answered from the cache, by either tier
 * @param misses calls that found nothing usable in the cache
 * @param loads method runs whose result was offered to the cache (successful loads)
 * @param loadFailures method runs that threw
 * @param loadNanos total time spent in successful and failed loads
 * @param singleFlightWaits calls that waited for another caller's load of the same key
 * @param evictions entries removed to stay within the size bound
 * @param expirations entries removed because their time to live ran out
 * @param invalidations invalidation requests that reached this operation
 * @param sharedHits calls the memory tier missed and the shared tier answered (included in {@code hits})
 * @param sharedMisses shared-tier lookups that found nothing usable (including failed or skipped lookups)
 * @param sharedWrites results the shared tier took (not those an open breaker skipped or that failed)
 * @param decodeFailures shared-tier entries that could not be decoded and were removed
 * @param encodeFailures results that could not be encoded for the shared tier
 * @param leaseWaits calls that waited for another node's load under a distributed lease
 * @param resultsTooLarge results not stored because they were too large to ({@code Flux} results longer than
 *     {@code cacheweave.flux.max-elements})
 */
public record OperationStats(String operation, long hits, long misses, long loads, long loadFailures, long loadNanos,
        long singleFlightWaits, long evictions, long expirations, long invalidations, long sharedHits,
        long sharedMisses, long sharedWrites, long decodeFailures, long encodeFailures, long leaseWaits,
        long resultsTooLarge) {

    /** Counters without {@code resultsTooLarge}. */
    public OperationStats(String operation, long hits, long misses, long loads, long loadFailures, long loadNanos,
            long singleFlightWaits, long evictions, long expirations, long invalidations, long sharedHits,
            long sharedMisses, long sharedWrites, long decodeFailures, long encodeFailures, long leaseWaits) {
        this(operation, hits, misses, loads, loadFailures, loadNanos, singleFlightWaits, evictions, expirations,
                invalidations, sharedHits, sharedMisses, sharedWrites, decodeFailures, encodeFailures, leaseWaits, 0);
    }

    /** @return hits divided by hits plus misses, or 0 when there were no calls */
    public double hitRatio() {
        long calls = hits + misses;
        return calls == 0 ? 0.0 : (double) hits / calls;
    }

    /** @return hits plus misses */
    public long requests() {
        return hits + misses;
    }

    /** @return mean time of one load in nanoseconds, or 0 when there were none */
    public double averageLoadNanos() {
        long n = loads + loadFailures;
        return n == 0 ? 0.0 : (double) loadNanos / n;
    }
}
