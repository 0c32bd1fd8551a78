package io.cacheweave.runtime;

import io.cacheweave.runtime.stats.MonitorSnapshot;
import java.time.Duration;

/**
 * A cache with a memory tier that the runtime's monitor reports on: a woven method's {@link MethodCache}, and any
 * other cache of the runtime (programmatic caches) registered with {@link CacheRuntime#monitored(MonitoredCache)}.
 */
interface MonitoredCache {
    /** @return the operation it records under */
    String operation();

    /** @return the time to live in force */
    Duration ttl();

    /**
     * @return its memory tier's entries and estimated bytes against its bounds (see
     *     {@link io.cacheweave.runtime.stats.MemoryEstimator#fill})
     */
    MonitorSnapshot.MemoryFill memoryFill();

    /**
     * Removes the entries its memory tier holds past their expiry (a programmatic cache: also the shared tier's
     * expired entries, as {@link Cache#cleanupExpired()}); for {@code cacheweave.l1.cleanup-interval}.
     *
     * @return how many went, as far as known
     */
    long cleanUpExpired();

    /** Hands the memory-tier hits it sampled since the last call to the top-key sketch; called by the monitor. */
    void reportSampledHits();
}
