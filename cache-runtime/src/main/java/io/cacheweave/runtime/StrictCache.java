package io.cacheweave.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The writes of a {@link Cache}, for a caller that must know whether they reached the shared tier: each does what
 * the cache's method of the same name does, then throws {@link CacheWriteException} (naming the tier and the cause)
 * if the shared tier failed, timed out or was skipped by its open circuit breaker. Obtain one with
 * {@link Cache#strict()}; it is a view, cheap to make and thread-safe.
 *
 * <p>Without a shared tier (memory only) nothing is thrown: every tier the cache has took the write. Bad input
 * throws {@link IllegalArgumentException} as on the cache. Calls of the cache itself, woven methods and the
 * asynchronous view stay fail-open.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StrictCache<K, V> {
    private final Cache<K, V> cache;

    StrictCache(Cache<K, V> cache) {
        this.cache = Objects.requireNonNull(cache, "cache must not be null");
    }

    /** @return the fail-open cache this is a view of */
    public Cache<K, V> cache() {
        return cache;
    }

    /**
     * @see Cache#put(Object, Object)
     * @throws CacheWriteException if the shared tier did not take it
     */
    public void put(K key, V value) {
        run(() -> "put of [" + key + "]", () -> {
            cache.put(key, value);
            return null;
        });
    }

    /**
     * @see Cache#put(Object, Object, Duration)
     * @throws CacheWriteException if the shared tier did not take it
     */
    public void put(K key, V value, Duration ttl) {
        run(() -> "put of [" + key + "]", () -> {
            cache.put(key, value, ttl);
            return null;
        });
    }

    /**
     * @see Cache#put(Object, Object, Duration, java.util.Collection)
     * @throws CacheWriteException if the shared tier did not take it
     */
    public void put(K key, V value, Duration ttl, java.util.Collection<String> tags) {
        run(() -> "put of [" + key + "]", () -> {
            cache.put(key, value, ttl, tags);
            return null;
        });
    }

    /**
     * @see Cache#putAll(Map, Duration, java.util.Collection)
     * @throws CacheWriteException if the shared tier did not take them
     */
    public void putAll(Map<? extends K, ? extends V> entries, Duration ttl, java.util.Collection<String> tags) {
        run(() -> "putAll of " + keys(entries), () -> {
            cache.putAll(entries, ttl, tags);
            return null;
        });
    }

    /**
     * @see Cache#putAll(Map)
     * @throws CacheWriteException if the shared tier did not take them (then it took none of them, or some: the
     *     pipelined round trip failed as a whole)
     */
    public void putAll(Map<? extends K, ? extends V> entries) {
        run(() -> "putAll of " + keys(entries), () -> {
            cache.putAll(entries);
            return null;
        });
    }

    /**
     * @see Cache#putAll(Map, Duration)
     * @throws CacheWriteException if the shared tier did not take them
     */
    public void putAll(Map<? extends K, ? extends V> entries, Duration ttl) {
        run(() -> "putAll of " + keys(entries), () -> {
            cache.putAll(entries, ttl);
            return null;
        });
    }

    /**
     * @see Cache#delete(Object)
     * @return whether an entry was removed
     * @throws CacheWriteException if the shared tier could not be asked to remove it
     */
    public boolean delete(K key) {
        return run(() -> "delete of [" + key + "]", () -> cache.delete(key));
    }

    /**
     * @see Cache#invalidatePattern(String, String)
     * @return how many entries went
     * @throws CacheWriteException if the shared tier's entries could not be removed (they stay until they expire)
     */
    public long invalidatePattern(String pattern, String context) {
        return run(() -> "invalidatePattern(\"" + pattern + "\")", () -> cache.invalidatePattern(pattern, context));
    }

    /**
     * @see Cache#clear(String)
     * @return how many entries went
     * @throws CacheWriteException if the shared tier's entries could not be removed
     */
    public long clear(String context) {
        return run(() -> "clear", () -> cache.clear(context));
    }

    private <T> T run(Supplier<String> call, Supplier<T> action) {
        StrictCalls calls = StrictCalls.begin();
        T result;
        try {
            result = action.get();
        } finally {
            calls.close();
        }
        if (calls.failure() != null) {
            throw new CacheWriteException(cache.name(), call.get(), calls.tier(), calls.failure());
        }
        return result;
    }

    private static List<String> keys(Map<?, ?> entries) {
        return entries == null ? List.of() : entries.keySet().stream().limit(10).map(String::valueOf).toList();
    }

    @Override
    public String toString() {
        return "StrictCache{" + cache + "}";
    }
}
