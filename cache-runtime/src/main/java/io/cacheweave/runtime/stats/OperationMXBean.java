package io.cacheweave.runtime.stats;

/**
 * One operation over JMX: {@code io.cacheweave:type=Operation,name=<operation>}. Read-only; every attribute is read
 * from a monitor snapshot at most a second old. Latencies are of the shared tier over the sliding window.
 */
public interface OperationMXBean {
    /** @return the operation name */
    String getOperation();

    /** @return calls answered from the cache, by any tier */
    long getHits();

    /** @return calls that found nothing usable in the cache */
    long getMisses();

    /** @return hits over hits plus misses, 0 without calls */
    double getHitRatio();

    /** @return successful loads */
    long getLoads();

    /** @return loads that threw */
    long getLoadFailures();

    /** @return the mean load time in milliseconds */
    double getAverageLoadMillis();

    /** @return size evictions from the memory tier */
    long getEvictions();

    /** @return expirations from the memory tier */
    long getExpirations();

    /** @return invalidation requests */
    long getInvalidations();

    /** @return entries removed by invalidations */
    long getInvalidatedKeys();

    /** @return calls answered by the shared tier */
    long getSharedHits();

    /** @return shared-tier lookups that found nothing usable */
    long getSharedMisses();

    /** @return calls that waited for another caller's load */
    long getSingleFlightWaits();

    /** @return calls that waited for another node's load */
    long getLeaseWaits();

    /** @return the median shared-tier get latency, microseconds */
    double getSharedGetP50Micros();

    /** @return the 99th percentile shared-tier get latency, microseconds */
    double getSharedGetP99Micros();

    /** @return the 99th percentile shared-tier put latency, microseconds */
    double getSharedPutP99Micros();

    /** @return the estimated bytes of its memory tier */
    long getMemoryBytes();

    /** @return the entries of its memory tier */
    long getMemoryEntries();

    /** @return its memory tier's entry bound */
    long getMemoryMaxEntries();

    /** @return its memory tier's byte bound, or -1 when it has none */
    long getMemoryMaxBytes();

    /** @return calls answered from the cache without running the method (its hits) */
    long getSavedCalls();

    /** @return estimated method time those calls saved: hits times the mean load time, milliseconds */
    double getSavedTimeEstimateMillis();

    /** @return the mean load time the estimate uses (over the latency window, else since the start), ms */
    double getSavedMeanLoadMillis();

    /** @return the time to live in force, seconds */
    long getTtlSeconds();

    /**
     * @return the cache this one serves when it is an internal (supporting) cache of a library, such as {@code chat}
     *     for a chat cache's {@code chat-manifest}; {@code ""} for the application's own operations
     */
    String getSupports();

    /** @return whether it is an internal (supporting) cache of a library rather than an operation of the application */
    boolean isInternal();
}
