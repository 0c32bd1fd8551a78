package io.cacheweave.runtime;

import io.cacheweave.runtime.tier.Invalidation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of a {@link TieredCache}: encode first (a value the codec cannot write is refused before anything is
 * stored), then the memory tier on the caller's thread, then one pipelined shared-tier write and one message per
 * key to the other nodes, which the caller runs (synchronous view) or hands to the executor (asynchronous view).
 */
final class CacheWrites {
    private final TieredCache<?, ?> cache;

    CacheWrites(TieredCache<?, ?> cache) {
        this.cache = cache;
    }

    /**
     * Encodes every value first (a value the codec cannot write stores nothing), then writes the memory tier.
     *
     * @return the shared-tier write (one pipelined round trip) and the messages to the other nodes, or null
     */
    Runnable store(Map<String, Object> byRendered, Duration entryTtl) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        if (cache.core.shared != null) {
            byRendered.forEach((rendered, value) -> encoded.put(cache.logicalKey(rendered), encode(rendered, value)));
        }
        byRendered.keySet().forEach(cache.core::touch); // a read or load of these keys under way must not overwrite them
        long deadline = cache.core.deadlineIn(entryTtl.toNanos());
        byRendered.forEach((rendered, value) -> cache.core.put(rendered, new MemoryEntry(value, deadline)));
        if (cache.core.shared == null || encoded.isEmpty()) {
            return null;
        }
        return () -> {
            cache.core.shared.writeAll(cache.name, encoded, entryTtl, cache.core.counters);
            List<String> targets = new ArrayList<>(encoded.size());
            encoded.keySet().forEach(logical -> targets.add(CacheArguments.escapeGlob(logical)));
            cache.runtime.publishAll(Invalidation.Kind.PATTERN, targets); // other nodes drop their copies
        };
    }

    private byte[] encode(String rendered, Object value) {
        try {
            return cache.core.shared.encode(value, cache.valueType, cache.core.counters);
        } catch (RuntimeException e) {
            cache.core.counters.encodeFailed();
            throw new IllegalArgumentException("value of " + rendered + " cannot be written as "
                    + cache.valueType.getTypeName() + ": " + e.getMessage(), e);
        }
    }
}
