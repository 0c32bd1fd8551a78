package io.cacheweave.runtime;

import io.cacheweave.runtime.key.GlobPattern;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The programmatic caches of one runtime, by name, and the runtime's invalidations applied to their memory tiers
 * (this node's own, and the ones other nodes send over the bus).
 */
final class ProgrammaticCaches {
    private final CacheRuntime runtime;
    private final Map<String, ProgrammaticCache<?, ?>> byName = new ConcurrentHashMap<>();
    /** The cache each supporting cache serves, by the supporting cache's name. */
    private final Map<String, String> supports = new ConcurrentHashMap<>();

    ProgrammaticCaches(CacheRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * @param supports the cache it serves when made as a supporting cache, else {@code null}; the first build of a
     *     name decides, as for its TTL and size
     * @return the cache of that name, made on first use; the same one after
     * @throws IllegalArgumentException if the name breaks the rules, belongs to a {@code @Cached} operation, or
     *     the cache holds another value type
     */
    @SuppressWarnings("unchecked")
    <K, V> ProgrammaticCache<K, V> get(String name, Type valueType, Duration builderTtl, long maximumSize,
            boolean operationTaken, String supports) {
        CacheArguments.requireName(name);
        if (valueType == null) {
            throw new IllegalArgumentException("valueType must not be null");
        }
        if (operationTaken) {
            throw new IllegalArgumentException("name must not be the operation of a @Cached method: \"" + name
                    + "\"; a programmatic cache and a method would share their keys");
        }
        ProgrammaticCache<?, ?> cache = byName.computeIfAbsent(name, n -> {
            if (supports != null) { // before the cache exists, so the monitor never sees it unmarked
                this.supports.put(n, supports);
            }
            return new ProgrammaticCache<>(runtime, n, valueType, runtime.settings().core().operationTtl(n)
                    .orElse(builderTtl != null ? builderTtl : runtime.settings().core().defaultTtl()), maximumSize);
        });
        if (!cache.valueType.equals(valueType)) {
            throw new IllegalArgumentException("valueType of cache \"" + name + "\" is already "
                    + cache.valueType.getTypeName() + ": " + valueType.getTypeName());
        }
        return (ProgrammaticCache<K, V>) cache;
    }

    /** @return the cache that the cache {@code name} serves, when it is a supporting cache; else {@code null} */
    String supports(String name) {
        return supports.get(name);
    }

    /** @return whether a programmatic cache has this name */
    boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * Applies a pattern invalidation to the memory tiers of the caches whose keys it can match.
     *
     * @param removed memory entries removed, by cache name, added to
     */
    void pattern(GlobPattern glob, java.util.Map<String, Long> removed) {
        String prefix = glob.literalPrefix();
        for (ProgrammaticCache<?, ?> cache : byName.values()) {
            String start = cache.name + ":";
            if (prefix.startsWith(start) || start.startsWith(prefix)) {
                removed.merge(cache.name, cache.sweeps.invalidateLocally(glob), Long::sum);
            }
        }
    }

    /**
     * @param target the target of a pattern invalidation
     * @return whether it names one key of a programmatic cache: another node's put or delete, not an invalidation
     */
    boolean isOneKey(String target) {
        GlobPattern glob = GlobPattern.compile(target);
        if (!CacheSweeps.isLiteral(glob)) {
            return false;
        }
        String literal = glob.literalPrefix();
        for (String name : byName.keySet()) {
            if (literal.startsWith(name + ":")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Empties the memory tier of the cache of that name, if there is one.
     *
     * @param removed memory entries removed, by cache name, added to
     */
    void operation(String name, java.util.Map<String, Long> removed) {
        ProgrammaticCache<?, ?> cache = byName.get(name);
        if (cache != null) {
            removed.merge(name, cache.sweeps.clearLocally(), Long::sum);
        }
    }

    /** Makes the reads and loads under way of the cache of that name ({@code null}: of every cache) not store. */
    void fence(String name) {
        for (ProgrammaticCache<?, ?> cache : byName.values()) {
            if (name == null || cache.name.equals(name)) {
                cache.core.fence();
            }
        }
    }

    /** Removes the entries carrying {@code tag} from every cache's memory tier, counted by cache into {@code removed}. */
    void tagged(String tag, java.util.Map<String, Long> removed) {
        for (ProgrammaticCache<?, ?> cache : byName.values()) {
            long n = cache.core.removeTagged(tag);
            if (n > 0) {
                removed.merge(cache.name, n, Long::sum);
            }
        }
    }

    /** Empties the memory tier of every cache. @return how many live entries went */
    long all() {
        long n = 0;
        for (ProgrammaticCache<?, ?> c : byName.values()) {
            n += c.sweeps.clearLocally();
        }
        return n;
    }
}
