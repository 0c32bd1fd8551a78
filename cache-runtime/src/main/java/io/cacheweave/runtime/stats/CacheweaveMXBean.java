package io.cacheweave.runtime.stats;

/**
 * The whole runtime over JMX: {@code io.cacheweave:type=Cacheweave}. Read-only; read from a monitor snapshot at most
 * a second old.
 */
public interface CacheweaveMXBean {
    /** @return the number of operations, supporting caches included (each has an Operation bean) */
    int getOperationCount();

    /** @return hits of the application's operations (supporting caches, a library's own lookups, left out) */
    long getHits();

    /** @return misses of the application's operations (supporting caches left out) */
    long getMisses();

    /** @return hits over hits plus misses of the application's operations, 0 without calls */
    double getHitRatio();

    /** @return estimated bytes of every memory tier */
    long getMemoryBytes();

    /** @return entries of every memory tier */
    long getMemoryEntries();

    /** @return the entry bounds of every memory tier, summed */
    long getMemoryMaxEntries();

    /** @return the byte bounds of every memory tier, summed, or -1 when a tier has none */
    long getMemoryMaxBytes();

    /** @return calls answered from the cache without running the method, every operation */
    long getSavedCalls();

    /** @return estimated method time those calls saved (each operation's hits times its mean load time), ms */
    double getSavedTimeEstimateMillis();

    /** @return the shared tier and its breaker state ({@code redis CLOSED}), or {@code none} */
    String getSharedTier();

    /** @return Redis's own {@code used_memory}, or -1 when unknown */
    long getRedisUsedMemoryBytes();

    /** @return the active alerts, one per line */
    String getAlerts();

    /** @return the recommendations, one per line */
    String getRecommendations();

    /** @return the whole snapshot as JSON */
    String getSnapshotJson();
}
