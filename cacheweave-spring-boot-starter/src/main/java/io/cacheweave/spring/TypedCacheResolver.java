package io.cacheweave.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.BasicOperation;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.cache.interceptor.SimpleCacheResolver;

/**
 * Resolves the caches of a cached call the way Spring's default resolver does (by name, from the application's
 * {@link CacheManager}), and, when that manager is Cacheweave's, tells the cache which value type the calling method
 * declares, so a method whose type differs from the cache's runs uncached instead of reading values of another type.
 * Installed on Spring's caching interceptor by {@link Installer} when the application configured no resolver of its
 * own.
 */
final class TypedCacheResolver implements CacheResolver {
    private final ObjectProvider<CacheManager> cacheManager;
    private volatile CacheManager manager;

    TypedCacheResolver(ObjectProvider<CacheManager> cacheManager) {
        this.cacheManager = cacheManager;
    }

    @Override
    public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
        CacheManager manager = this.manager;
        if (manager == null) {
            manager = cacheManager.getObject(); // looked up once: a bean lookup per call would cost more than a hit
            this.manager = manager;
        }
        BasicOperation op = context.getOperation();
        boolean stores = op instanceof CacheableOperation || op instanceof CachePutOperation;
        Type valueType = null;
        Method method = null;
        if (stores && manager instanceof CacheweaveCacheManager cacheweave) {
            method = context.getMethod();
            valueType = cacheweave.valueTypes().valueType(method, AopUtils.getTargetClass(context.getTarget()));
        }
        Collection<String> names = op.getCacheNames();
        List<Cache> caches = new ArrayList<>(names.size());
        for (String name : names) {
            Cache cache = valueType != null ? ((CacheweaveCacheManager) manager).getCache(name, valueType, method)
                    : manager.getCache(name);
            if (cache == null) {
                throw new IllegalArgumentException("Cannot find cache named '" + name + "' for " + op);
            }
            caches.add(cache);
        }
        return caches;
    }

    /**
     * Sets the resolver on Spring's caching interceptors once every singleton exists (by then each interceptor holds
     * what the application configured), unless the application chose a resolver of its own: an interceptor without a
     * resolver, or with Spring's default resolver over the Cacheweave manager, gets this one.
     */
    static final class Installer implements SmartInitializingSingleton {
        private final ObjectProvider<CacheAspectSupport> aspects;
        private final ObjectProvider<CacheManager> cacheManager;

        Installer(ObjectProvider<CacheAspectSupport> aspects, ObjectProvider<CacheManager> cacheManager) {
            this.aspects = aspects;
            this.cacheManager = cacheManager;
        }

        @Override
        public void afterSingletonsInstantiated() {
            aspects.orderedStream().forEach(aspect -> {
                CacheResolver current = aspect.getCacheResolver();
                if (current == null || (current instanceof SimpleCacheResolver simple
                        && simple.getCacheManager() instanceof CacheweaveCacheManager)) {
                    aspect.setCacheResolver(new TypedCacheResolver(cacheManager));
                }
            });
        }
    }
}
