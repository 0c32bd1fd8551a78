package io.cacheweave.runtime;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import io.cacheweave.runtime.stats.MemoryEstimator;

/**
 * Bounds a memory tier by entries and by estimated bytes at once, for woven methods and programmatic caches alike.
 * Caffeine takes a size bound or a weight bound, not both, so an entry weighs its estimated bytes (key and value,
 * {@link MemoryEstimator#entryBytes}) but never less than {@code maxBytes / maxEntries}, and the tier's maximum
 * weight is {@code maxBytes}: it then never holds more than {@code maxEntries} entries nor more than
 * {@code maxBytes} estimated bytes, and at least half of what either bound alone would allow. Caffeine weighs an
 * entry when it is written, never on a hit.
 */
final class MemoryBound implements Weigher<Object, MemoryEntry> {
    private final long floor;

    private MemoryBound(long floor) {
        this.floor = floor;
    }

    /**
     * @param builder a Caffeine builder with neither bound set yet
     * @param maxEntries the most entries, positive
     * @param maxBytes the most estimated bytes, positive
     * @return the builder, bounded
     */
    static <K> Caffeine<K, MemoryEntry> apply(Caffeine<Object, Object> builder, long maxEntries, long maxBytes) {
        long floor = Math.max(1, (maxBytes + maxEntries - 1) / maxEntries);
        return builder.maximumWeight(maxBytes).weigher(new MemoryBound(floor));
    }

    @Override
    public int weigh(Object key, MemoryEntry value) {
        long bytes = MemoryEstimator.entryBytes(key, value);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(floor, bytes));
    }
}
