package io.cacheweave.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The asynchronous view of a {@link Cache}: the same operations, each returning a {@link CompletableFuture} that
 * completes when the tiers have answered. A tier failure completes the future normally (a miss, a skipped write);
 * bad arguments fail the call itself with {@link IllegalArgumentException}, before a future is returned. Memory-tier
 * hits, and every call of a cache whose runtime has no shared tier, complete the future at once, on the calling
 * thread.
 *
 * <p>This view is over the synchronous engine, not the other way round: the shared tiers are synchronous (a
 * Redis command waits for its reply up to {@code cacheweave.redis.timeout}, the file tier does blocking I/O), so a
 * synchronous view built on futures would pay a hand-off to another thread on every shared-tier call. Here
 * everything that cannot block (checks, key rendering, encoding, the memory tier) runs on the calling thread, and
 * only the shared-tier part runs on the runtime's bounded executor of {@code cacheweave.async.threads} threads
 * (when its queue is full, the caller runs the task itself). No call starts a thread. Futures complete on that
 * executor's threads (or the caller's), so dependent stages should not block.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface AsyncCache<K, V> {

    /** @return the cache's name */
    String name();

    /** @see Cache#get */
    CompletableFuture<V> get(K key);

    /** @see Cache#put(Object, Object) */
    CompletableFuture<Void> put(K key, V value);

    /** @see Cache#put(Object, Object, Duration) */
    CompletableFuture<Void> put(K key, V value, Duration ttl);

    /**
     * As {@link Cache#put(Object, Object, Duration, Collection)}: bad arguments or tags throw from the call itself,
     * before anything is stored; the shared-tier write completes the future. The default refuses, as there.
     *
     * @throws UnsupportedOperationException if this cache keeps no tags
     */
    default CompletableFuture<Void> put(K key, V value, Duration ttl, Collection<String> tags) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no tags");
    }

    /** @see Cache#delete */
    CompletableFuture<Boolean> delete(K key);

    /** @see Cache#exists */
    CompletableFuture<Boolean> exists(K key);

    /** @see Cache#remainingTtl */
    CompletableFuture<Optional<Duration>> remainingTtl(K key);

    /** @see Cache#extendTtl */
    CompletableFuture<Boolean> extendTtl(K key, long seconds);

    /** @see Cache#clear */
    CompletableFuture<Long> clear();

    /**
     * @param context why; may be {@code null}
     * @return how many went
     * @see Cache#clear(String)
     */
    default CompletableFuture<Long> clear(String context) {
        return invalidatePattern("*", context);
    }

    /** @see Cache#cleanupExpired */
    CompletableFuture<Long> cleanupExpired();

    /** @see Cache#keys */
    CompletableFuture<List<String>> keys(String prefix);

    /**
     * As {@link Cache#getOrLoad(Object, Function, Duration)}, with a loader that is itself asynchronous: concurrent
     * callers of one cold key share one load.
     */
    CompletableFuture<V> getOrLoad(K key, Function<? super K, ? extends CompletableFuture<? extends V>> loader,
            Duration ttl);

    /**
     * As {@link #getOrLoad(Object, Function, Duration)}, a loaded value carrying tags (see
     * {@link Cache#getOrLoad(Object, Function, Duration, Collection)}). The default refuses, as there.
     *
     * @throws UnsupportedOperationException if this cache keeps no tags
     */
    default CompletableFuture<V> getOrLoad(K key,
            Function<? super K, ? extends CompletableFuture<? extends V>> loader, Duration ttl,
            Collection<String> tags) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no tags");
    }

    /** @see Cache#getAll */
    CompletableFuture<Map<K, V>> getAll(Collection<? extends K> keys);

    /** @see Cache#putAll */
    CompletableFuture<Void> putAll(Map<? extends K, ? extends V> entries, Duration ttl);

    /**
     * As {@link Cache#putAll(Map, Duration, Collection)}. The default refuses, as there.
     *
     * @throws UnsupportedOperationException if this cache keeps no tags
     */
    default CompletableFuture<Void> putAll(Map<? extends K, ? extends V> entries, Duration ttl,
            Collection<String> tags) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no tags");
    }

    /** @see Cache#putAll(Map) */
    CompletableFuture<Void> putAll(Map<? extends K, ? extends V> entries);

    /** @see Cache#invalidatePattern */
    CompletableFuture<Long> invalidatePattern(String pattern, String context);

    /** @return the synchronous view of this cache: the engine this view is over */
    Cache<K, V> synchronous();
}
