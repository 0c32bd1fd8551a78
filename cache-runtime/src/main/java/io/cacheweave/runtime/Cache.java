package io.cacheweave.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A named, typed cache used by hand: the synchronous face of an {@link AsyncCache}, going through the same engine
 * as {@code @Cached} methods (memory tier, then the configured shared tier, the same codec, key rules, statistics
 * and invalidation bus). Obtain one from {@link CacheRuntime#cache(String, java.lang.reflect.Type)} or
 * {@link Cacheweave#cache(String, Class)}.
 *
 * <p>The cache's name plays the part of an operation: a key {@code k} is stored under the logical key
 * {@code <name>:<k rendered>}, rendered exactly like a one-part key of a {@code @Cached} method (text as is but
 * escaped, records canonically, long text hashed), so a pattern such as {@code "<name>:user\:*"} and the annotation
 * {@code @Invalidate(operation = "<name>")} reach these entries too.
 *
 * <p>Bad input (a {@code null} or empty key, a {@code null} value, a negative or zero TTL, a value the codec cannot
 * write) throws {@link IllegalArgumentException} naming the argument, before anything is stored. A failure of a tier
 * never reaches the caller: reads miss, writes are best effort, counts are what the reachable tiers reported.
 *
 * @param <K> the key type: {@code String}, or any type that renders as a key part
 * @param <V> the value type
 */
public interface Cache<K, V> {

    /** @return the cache's name, the first part of its logical keys */
    String name();

    /**
     * @param key a key
     * @return the stored value, or {@code null} when absent or expired
     */
    V get(K key);

    /** Stores {@code value} with the cache's default TTL. @param key a key @param value a value, not null */
    void put(K key, V value);

    /**
     * @param key a key
     * @param value a value, not null
     * @param ttl time to live, positive
     */
    void put(K key, V value, Duration ttl);

    /** @param key a key @return whether an entry was removed (from any tier) */
    boolean delete(K key);

    /** @param key a key @return whether an unexpired entry is stored under it */
    boolean exists(K key);

    /**
     * @param key a key
     * @return the time the entry has left, empty when it is absent or expired
     */
    Optional<Duration> remainingTtl(K key);

    /**
     * Extends an entry's life by {@code seconds} beyond what it has left.
     *
     * @param key a key
     * @param seconds seconds to add, positive
     * @return {@code true} only if the entry existed, had not expired and was extended
     */
    boolean extendTtl(K key, long seconds);

    /** Removes every entry of this cache from every tier (and other nodes' memory tiers). @return how many went */
    long clear();

    /** Removes the expired entries still held (memory tier, file tier). @return how many went */
    long cleanupExpired();

    /**
     * @param prefix a prefix of rendered keys ({@code ""} for all)
     * @return the rendered keys (without the cache name) of the unexpired entries whose rendering starts with it
     */
    List<String> keys(String prefix);

    /**
     * Cache-aside with single-flight: returns the stored value, or runs {@code loader} once per key across the
     * threads of this JVM, stores its result with {@code ttl} and returns it. If the cache itself fails, the
     * loader's value is still returned and storing it is best effort. What the loader throws reaches the caller
     * (and every caller waiting for the same key); nothing is stored then.
     *
     * @param key a key
     * @param loader computes the value; a {@code null} result is returned and not stored
     * @param ttl time to live of a loaded value, positive
     * @return the stored or loaded value
     */
    V getOrLoad(K key, Function<? super K, ? extends V> loader, Duration ttl);

    /** {@link #getOrLoad(Object, Function, Duration)} with the cache's default TTL. */
    V getOrLoad(K key, Function<? super K, ? extends V> loader);

    /**
     * Reads several keys: one pass over the memory tier, then one pipelined round trip to the shared tier for the
     * rest.
     *
     * @param keys keys
     * @return the present entries; absent keys are not in the map
     */
    Map<K, V> getAll(Collection<? extends K> keys);

    /**
     * Writes several entries: one pass over the memory tier and one pipelined round trip to the shared tier.
     *
     * @param entries values by key, none null
     * @param ttl time to live of each, positive
     */
    void putAll(Map<? extends K, ? extends V> entries, Duration ttl);

    /**
     * Removes the entries of this cache whose rendered key matches a glob (see {@code @Invalidate.pattern}), on
     * every tier and node.
     *
     * @param pattern a glob over rendered keys, without the cache name ({@code "user\:42\:*"})
     * @param context why, for the log and the statistics; may be {@code null}
     * @return how many entries the reachable tiers removed
     */
    long invalidatePattern(String pattern, String context);

    /** @return the asynchronous face of this cache */
    AsyncCache<K, V> async();
}
