package io.cacheweave.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.cacheweave.runtime.stats.OperationCounters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory tier of a programmatic cache: Caffeine with variable expiry, each entry living until its own
 * {@link MemoryEntry#deadline()} on the runtime's clock (bounded by {@code cacheweave.l1.ttl} when there is a shared
 * tier). Variable expiry costs more per lookup than the fixed expiry of woven methods, and is what per-put TTLs need.
 */
final class EntryDeadlines implements Expiry<String, MemoryEntry> {
    private final long maxNanos;

    private EntryDeadlines(long maxNanos) {
        this.maxNanos = maxNanos;
    }

    /**
     * @param maximumSize the most entries
     * @param maximumBytes the most estimated bytes (see {@link MemoryBound})
     * @param maxNanos the longest an entry stays, whatever its deadline
     * @param expired counts the entries that expired, for {@code cleanupExpired}
     * @return a memory tier whose maintenance runs on the calling thread
     */
    static Cache<String, MemoryEntry> memoryTier(CacheClock clock, long maximumSize, long maximumBytes,
            long maxNanos, OperationCounters counters, AtomicLong expired) {
        return MemoryBound.<String>apply(Caffeine.newBuilder().executor(Runnable::run), maximumSize, maximumBytes)
                .ticker(clock::nanos)
                .expireAfter(new EntryDeadlines(maxNanos))
                .evictionListener((String k, MemoryEntry v, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        counters.evicted();
                    } else if (cause == RemovalCause.EXPIRED) {
                        counters.expired();
                        expired.incrementAndGet();
                    }
                })
                .build();
    }

    @Override
    public long expireAfterCreate(String key, MemoryEntry value, long now) {
        return Math.min(maxNanos, Math.max(0, value.deadline() - now));
    }

    @Override
    public long expireAfterUpdate(String key, MemoryEntry value, long now, long current) {
        return expireAfterCreate(key, value, now);
    }

    @Override
    public long expireAfterRead(String key, MemoryEntry value, long now, long current) {
        return current;
    }
}
