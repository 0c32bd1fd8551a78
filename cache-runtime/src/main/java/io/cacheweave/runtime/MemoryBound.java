package io.cacheweave.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
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

    /**
     * Builds a memory tier of the shape a woven method's has ({@code MethodState.create}: bounded by weight, an
     * eviction listener, maintenance on the calling thread, no Caffeine expiry), writes one entry through
     * {@code compute} and reads it back, so that the classes this loads and initializes (Caffeine's builder and the
     * cache and node classes it generates for that shape, the JDK's {@code System.Logger} and
     * {@code java.util.logging} that {@code Caffeine}'s class starts, the memory estimator) are loaded by the
     * calling thread. The process-wide runtime calls this on a daemon thread of its own, started as the runtime
     * begins to be built, so that the application's first cached call, which waits for the runtime, finds them
     * loaded. It changes nothing else; a tier of another shape only loads a few classes of its own more.
     */
    static void prime() {
        Cache<Object, MemoryEntry> tier = apply(Caffeine.newBuilder().executor(Runnable::run), 16, 1 << 16)
                .evictionListener((Object k, MemoryEntry v, RemovalCause cause) -> {
                })
                .build();
        tier.asMap().compute("warm-up", (k, old) -> new MemoryEntry("warm-up", MemoryEntry.NO_DEADLINE));
        tier.getIfPresent("warm-up");
        tier.invalidateAll();
    }
}
