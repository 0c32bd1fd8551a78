package io.cacheweave.spring;

import io.cacheweave.runtime.CacheRuntime;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * A Spring {@link Cache} over a programmatic Cacheweave cache of the same name: the memory tier, then the shared tier
 * (Redis or files), with Cacheweave's codec, single-flight, invalidation bus, TTL ({@code cacheweave.ttl.<name>}) and
 * statistics.
 *
 * <p><b>Values are typed.</b> The shared tier decodes into the value type the cache's methods declare (their generic
 * return type, learned by {@link CacheValueTypes}), never into a type the stored bytes name. Until a method declares
 * one, the cache holds {@code Object} (JSON maps, lists, text, numbers). A stored {@code null} (with
 * {@code allowNullValues}) is an empty {@link Optional} inside the engine, {@code null} in JSON.
 *
 * <p><b>Fail-open.</b> Tier failures never reach the caller (the engine's rule). A key the engine refuses (an empty
 * text) makes the call a miss and the write a no-op, logged once; the loader still runs.
 */
final class CacheweaveCache implements Cache {
    private static final Logger LOG = LoggerFactory.getLogger(CacheweaveCache.class);

    private final CacheRuntime runtime;
    private final String name;
    private final boolean allowNullValues;
    private final Object lock = new Object();
    private volatile Type valueType;
    private volatile io.cacheweave.runtime.Cache<Object, Optional<Object>> engine;
    private volatile boolean unusable;
    private volatile boolean keyRefusalLogged;
    private volatile boolean putRefusalLogged;

    CacheweaveCache(CacheRuntime runtime, String name, boolean allowNullValues, Type declaredType) {
        this.runtime = runtime;
        this.name = name;
        this.allowNullValues = allowNullValues;
        this.valueType = declaredType;
    }

    /**
     * @param type the value type a method that stores into this cache declares
     * @return whether this cache holds values of that type (the first type declared, or {@code Object} when the cache
     *     was used before any method declared one)
     */
    boolean holds(Type type) {
        Type current = valueType;
        if (current == null) {
            synchronized (lock) {
                if (valueType == null) {
                    valueType = type;
                }
                current = valueType;
            }
        }
        return current == type || current.equals(type);
    }

    /** @return the value type, {@code null} until declared or used */
    Type valueType() {
        return valueType;
    }

    /** @return the engine's cache, made on first use; {@code null} when the engine refused this cache's name */
    io.cacheweave.runtime.Cache<Object, Optional<Object>> engine() {
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine;
        if (e == null && !unusable) {
            synchronized (lock) {
                if (engine == null && !unusable) {
                    if (valueType == null) {
                        valueType = Object.class;
                    }
                    try {
                        engine = runtime.cache(name, CacheValueTypes.optionalOf(valueType));
                    } catch (IllegalArgumentException ex) {
                        unusable = true;
                        LOG.error("cacheweave: Spring cache \"{}\" cannot be a Cacheweave cache ({}); its methods run "
                                + "uncached until it is renamed", name, ex.getMessage());
                    }
                }
                e = engine;
            }
        }
        return e;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object getNativeCache() {
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        return e == null ? this : e;
    }

    @Override
    public ValueWrapper get(Object key) {
        Optional<Object> stored = lookup(key);
        if (stored == null || (stored.isEmpty() && !allowNullValues)) {
            return null;
        }
        return new SimpleValueWrapper(stored.orElse(null));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Class<T> type) {
        Optional<Object> stored = lookup(key);
        Object value = stored == null ? null : stored.orElse(null);
        if (value != null && type != null && !type.isInstance(value)) {
            throw new IllegalStateException("Cached value is not of required type [" + type.getName() + "]: " + value);
        }
        return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        Object k = SpringCacheKeys.of(key);
        if (e != null && accepts(k)) {
            Optional<Object> v = e.getOrLoad(k, unused -> Optional.ofNullable(load(key, valueLoader)));
            return v == null ? null : (T) v.orElse(null);
        }
        return load(key, valueLoader);
    }

    private <T> T load(Object key, Callable<T> valueLoader) {
        T value;
        try {
            value = valueLoader.call();
        } catch (Throwable t) {
            throw new ValueRetrievalException(key, valueLoader, t);
        }
        if (value == null && !allowNullValues) {
            throw new ValueRetrievalException(key, valueLoader, nullRefused());
        }
        return value;
    }

    @Override
    public CompletableFuture<?> retrieve(Object key) {
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        Object k = SpringCacheKeys.of(key);
        if (e == null || !accepts(k)) {
            return null;
        }
        CompletableFuture<Optional<Object>> found = e.async().get(k);
        if (found.isDone() && !found.isCompletedExceptionally() && found.join() == null) {
            return null; // known at once to be absent
        }
        return found.thenApply(v -> {
            if (v == null || (v.isEmpty() && !allowNullValues)) {
                return null;
            }
            return allowNullValues ? new SimpleValueWrapper(v.orElse(null)) : v.get();
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        Object k = SpringCacheKeys.of(key);
        if (e == null || !accepts(k)) {
            return loadAsync(valueLoader).thenApply(v -> (T) v.orElse(null));
        }
        return e.async().getOrLoad(k, unused -> loadAsync(valueLoader), defaultTtl())
                .thenApply(v -> v == null ? null : (T) v.orElse(null));
    }

    private <T> CompletableFuture<Optional<Object>> loadAsync(Supplier<CompletableFuture<T>> valueLoader) {
        CompletableFuture<T> loading;
        try {
            loading = valueLoader.get();
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
        return loading.thenApply(value -> {
            if (value == null && !allowNullValues) {
                throw nullRefused();
            }
            return Optional.ofNullable(value);
        });
    }

    @Override
    public void put(Object key, Object value) {
        Optional<Object> stored = storable(value);
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        Object k = SpringCacheKeys.of(key);
        if (e != null && accepts(k)) {
            try {
                // Synchronous on purpose: a shared-tier write queued in the background could land after a later
                // evict or clear of the same key and bring the old value back. It waits at most
                // cacheweave.redis.timeout, and a failure is the engine's (logged, never thrown).
                e.put(k, stored);
            } catch (IllegalArgumentException refused) { // not of the value type, or the codec cannot write it
                if (!putRefusalLogged) {
                    putRefusalLogged = true;
                    LOG.warn("cacheweave: Spring cache \"{}\" did not store a value ({}); logged once",
                            name, refused.getMessage());
                }
            }
        }
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        Optional<Object> stored = storable(value);
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        Object k = SpringCacheKeys.of(key);
        if (e == null || !accepts(k)) {
            return null;
        }
        boolean[] mine = {false};
        Optional<Object> existing = e.getOrLoad(k, unused -> {
            mine[0] = true;
            return stored;
        });
        return mine[0] || existing == null ? null : new SimpleValueWrapper(existing.orElse(null));
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        Object k = SpringCacheKeys.of(key);
        return e != null && accepts(k) && e.delete(k);
    }

    @Override
    public void clear() {
        invalidate();
    }

    @Override
    public boolean invalidate() {
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        return e != null && e.clear() > 0;
    }

    private Optional<Object> lookup(Object key) {
        io.cacheweave.runtime.Cache<Object, Optional<Object>> e = engine();
        Object k = SpringCacheKeys.of(key);
        return e == null || !accepts(k) ? null : e.get(k);
    }

    private Optional<Object> storable(Object value) {
        if (value == null && !allowNullValues) {
            throw nullRefused();
        }
        return Optional.ofNullable(value);
    }

    private IllegalArgumentException nullRefused() {
        return new IllegalArgumentException("Cache '" + name + "' is configured to not allow null values but null "
                + "was provided");
    }

    /** @return whether the engine takes this key: not null, and not an empty text (which names no entry) */
    private boolean accepts(Object key) {
        if (key != null && !(key instanceof CharSequence s && s.isEmpty())) {
            return true;
        }
        if (!keyRefusalLogged) {
            keyRefusalLogged = true;
            LOG.warn("cacheweave: Spring cache \"{}\" got a {} key; such calls run uncached (logged once)", name,
                    key == null ? "null" : "empty");
        }
        return false;
    }

    private Duration defaultTtl() {
        return runtime.settings().core().operationTtl(name).orElse(runtime.settings().core().defaultTtl());
    }

    @Override
    public String toString() {
        return "CacheweaveCache[" + name + ", " + (valueType == null ? "untyped" : valueType.getTypeName()) + "]";
    }
}
