package io.cacheweave.spring;

import io.cacheweave.runtime.CacheRuntime;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.NoOpCache;

/**
 * Spring's {@link CacheManager} over a Cacheweave runtime: each cache name is a programmatic Cacheweave cache of that
 * name (memory tier, then Redis or files), made on first request. Its time to live is {@code cacheweave.ttl.<name>},
 * else {@code cacheweave.ttl.default}; its memory tier holds {@code cacheweave.l1.max-entries}; its statistics are
 * the runtime's under the cache's name.
 */
public class CacheweaveCacheManager implements CacheManager {
    private static final Logger LOG = LoggerFactory.getLogger(CacheweaveCacheManager.class);

    private final CacheRuntime runtime;
    private final boolean allowNullValues;
    private final CacheValueTypes valueTypes;
    private final Map<String, CacheweaveCache> caches = new ConcurrentHashMap<>();
    private final Set<String> mismatchesLogged = ConcurrentHashMap.newKeySet();

    /**
     * @param runtime the engine
     * @param allowNullValues whether {@code null} results are stored (as Spring's own caches do by default)
     * @param valueTypes the value types the application's cached methods declare
     */
    CacheweaveCacheManager(CacheRuntime runtime, boolean allowNullValues, CacheValueTypes valueTypes) {
        this.runtime = runtime;
        this.allowNullValues = allowNullValues;
        this.valueTypes = valueTypes;
    }

    /** @return the runtime the caches live in */
    public CacheRuntime runtime() {
        return runtime;
    }

    @Override
    public Cache getCache(String name) {
        CacheweaveCache cache = caches.get(name);
        return cache != null ? cache : caches.computeIfAbsent(name, n -> new CacheweaveCache(runtime, n,
                allowNullValues, valueTypes.declared(n)));
    }

    /**
     * @param name a cache name
     * @param valueType the value type the calling method declares
     * @param method the calling method, for the warning
     * @return the cache, or a cache that stores nothing when the cache holds another value type
     */
    Cache getCache(String name, Type valueType, java.lang.reflect.Method method) {
        CacheweaveCache cache = (CacheweaveCache) getCache(name);
        if (cache.holds(valueType)) {
            return cache;
        }
        String methodName = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (mismatchesLogged.add(name + " " + methodName)) {
            LOG.warn("cacheweave: cache \"{}\" holds {}, but {} returns {}; it runs uncached", name,
                    cache.valueType().getTypeName(), methodName, valueType.getTypeName());
        }
        return new NoOpCache(name);
    }

    /** @return the value types of the application's cached methods */
    CacheValueTypes valueTypes() {
        return valueTypes;
    }

    @Override
    public Collection<String> getCacheNames() {
        return Collections.unmodifiableSet(caches.keySet());
    }
}
