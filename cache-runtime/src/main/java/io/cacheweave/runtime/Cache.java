package io.cacheweave.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A named, typed cache used by hand, going through the same engine as {@code @Cached} methods (memory tier, then
 * the configured shared tier, the same codec, key rules, statistics and invalidation bus). Obtain one from
 * {@link CacheRuntime#cache(String, java.lang.reflect.Type)}, {@link CacheRuntime#cacheBuilder(String)} or
 * {@link Cacheweave#cache(String, Class)}. Thread-safe. {@link #async()} is its asynchronous view; this synchronous
 * view is the engine, which runs on the caller's thread (see {@link AsyncCache} for why).
 *
 * <p>The cache's name plays the part of an operation: a key {@code k} is stored under the logical key
 * {@code <name>:<k rendered>}, rendered exactly like a one-part key of a {@code @Cached} method (text as is but
 * escaped, records canonically, long text hashed), so a pattern such as {@code "<name>:user\:*"} and the annotation
 * {@code @Invalidate(operation = "<name>")} reach these entries too.
 *
 * <p><b>Tiers.</b> Every write goes to the memory tier of this node and, when the runtime has one, to the shared
 * tier (Redis or files), with the entry's own TTL in both. A read looks in the memory tier, then in the shared tier,
 * and keeps what it found in memory for the time the entry has left. A put or delete also tells the other nodes
 * (the invalidation bus of Redis) to drop their memory copies of that key, so every node reads the new value next.
 * With a shared tier, {@code cacheweave.l1.ttl} bounds how long a node keeps its memory copy. The memory tier holds
 * at most {@code cacheweave.l1.max-entries} entries (or the builder's {@code maximumSize}) per cache. The setting
 * {@code cacheweave.enabled} concerns woven methods only.
 *
 * <p><b>Bad input</b> (a {@code null} or empty key, a {@code null} value or one that is not of the cache's value
 * type, a negative or zero TTL, extension by zero or fewer seconds, a malformed pattern, and, when the runtime has a
 * shared tier, a value its codec cannot write) throws {@link IllegalArgumentException} naming the argument, the
 * rule and the value, before anything is stored in any tier. <b>Fail-open:</b> a failure of a tier never reaches the
 * caller: reads miss, writes are best effort, answers and counts are what the reachable tiers reported. A caller
 * that must know whether a write or an invalidation reached the shared tier uses {@link #strict()}.
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

    /**
     * Stores {@code value} carrying tags: {@link CacheRuntime#invalidateTag(String)} of any of them removes it, on
     * every node, in one round trip to the shared tier whatever its size. The default refuses: a cache that keeps
     * no tags cannot honour them.
     *
     * @param key a key
     * @param value a value, not null
     * @param ttl time to live, positive
     * @param tags the entry's tags: non-empty texts of at most 1024 bytes of UTF-8, at most 64 of them; none is a
     *     plain {@link #put(Object, Object, Duration)}
     * @throws IllegalArgumentException if a tag breaks those rules
     * @throws UnsupportedOperationException if this cache keeps no tags
     */
    default void put(K key, V value, Duration ttl, Collection<String> tags) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no tags");
    }

    /** @param key a key @return whether an entry was removed (from any tier) */
    boolean delete(K key);

    /** @param key a key @return whether an unexpired entry is stored under it */
    boolean exists(K key);

    /**
     * The shared tier answers when it can (another node may have extended the entry), else the memory tier.
     *
     * @param key a key
     * @return the time the entry has left, empty when it is absent or expired ({@link
     *     java.time.temporal.ChronoUnit#FOREVER}'s duration for a shared-tier key without expiry, written by others)
     */
    Optional<Duration> remainingTtl(K key);

    /**
     * Extends an entry's life by {@code seconds} beyond what it has left.
     *
     * @param key a key
     * @param seconds seconds to add, positive
     * @return {@code true} only if the entry existed, had not expired and was extended (in the shared tier, by one
     *     atomic step; or, when that tier cannot answer, in this node's memory tier). Other nodes' memory copies keep
     *     their old deadline and read the shared tier again when it passes.
     */
    boolean extendTtl(K key, long seconds);

    /**
     * Removes every entry of this cache from every tier (and other nodes' memory tiers); logged at INFO and counted
     * as an invalidation with the context {@code "clear"}. The same as {@code @Invalidate(operation = name)}.
     *
     * @return how many went: the larger of the memory tier's and the shared tier's counts (each entry is in both)
     */
    long clear();

    /**
     * {@link #clear()} with the reason, for the log and the statistics (counted under {@code context} instead of
     * {@code "clear"}). The default removes every entry through {@link #invalidatePattern(String, String)}.
     *
     * @param context why, such as {@code "model updated"}; may be {@code null}
     * @return how many went
     */
    default long clear(String context) {
        return invalidatePattern("*", context);
    }

    /**
     * Removes the expired entries still held (memory tier, file tier). Redis removes expired keys by itself, so
     * there is nothing to do there.
     *
     * @return how many went: the larger of the memory tier's and the shared tier's counts
     */
    long cleanupExpired();

    /**
     * Lists keys from this node's memory tier and the shared tier ({@code SCAN}, never {@code KEYS}; every master
     * of a cluster).
     *
     * @param prefix the start of the keys as written ({@code ""} for all): {@code keys("user:")} lists the key
     *     {@code "user:1"}; for keys that are not text, the start of their rendering as written
     *     ({@code "(id=4"} for a record)
     * @return the keys as written (without the cache name) of the unexpired entries that start with it, sorted, at
     *     most {@code cacheweave.keys.limit} of them; a text longer than {@code cacheweave.key.hash-threshold} is
     *     listed as its hash, {@code \#<sha-256>}
     */
    List<String> keys(String prefix);

    /**
     * Cache-aside with single-flight: returns the stored value, or runs {@code loader} once per key across the
     * threads of this JVM, stores its result with {@code ttl} and returns it. If the cache itself fails, the
     * loader's value is still returned and storing it is best effort (a value the codec cannot write is kept in
     * memory only, and counted). What the loader throws reaches the caller (and every caller waiting for the same
     * key); nothing is stored then. A load during which the key was put, deleted or invalidated does not store its
     * value. Callers of the synchronous and the asynchronous view share one load. A loader that asks for its own key
     * runs again instead of waiting for itself; a caller that waited {@code cacheweave.single-flight.max-wait} runs
     * the loader itself.
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
     * {@link #getOrLoad(Object, Function, Duration)}, a loaded value carrying tags as
     * {@link #put(Object, Object, Duration, Collection)} stores them (a value found in a tier keeps the tags it was
     * stored with). A load during which one of the tags was invalidated is not kept. The default refuses: a cache
     * that keeps no tags cannot honour them.
     *
     * @param tags the tags of a loaded value, as for {@link #put(Object, Object, Duration, Collection)}
     * @throws IllegalArgumentException if a tag breaks the rules of {@link #put(Object, Object, Duration, Collection)}
     * @throws UnsupportedOperationException if this cache keeps no tags
     */
    default V getOrLoad(K key, Function<? super K, ? extends V> loader, Duration ttl, Collection<String> tags) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no tags");
    }

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
     * {@link #putAll(Map, Duration)}, every entry carrying the same tags (see
     * {@link #put(Object, Object, Duration, Collection)}). The default refuses: a cache that keeps no tags cannot
     * honour them.
     *
     * @param entries values by key, none null
     * @param ttl time to live of each, positive
     * @param tags the tags of every entry, as for {@link #put(Object, Object, Duration, Collection)}
     * @throws IllegalArgumentException if a tag breaks those rules (nothing is stored then)
     * @throws UnsupportedOperationException if this cache keeps no tags
     */
    default void putAll(Map<? extends K, ? extends V> entries, Duration ttl, Collection<String> tags) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no tags");
    }

    /**
     * {@link #putAll(Map, Duration)} with the cache's default TTL, as {@link #put(Object, Object)} uses.
     *
     * @param entries values by key, none null
     */
    void putAll(Map<? extends K, ? extends V> entries);

    /**
     * Removes the entries of this cache whose rendered key matches a glob (see {@code @Invalidate.pattern}), on
     * every tier and node.
     *
     * @param pattern a glob over rendered keys, without the cache name ({@code "user\:42\:*"})
     * @param context why, for the log (INFO) and the statistics (counted per context, see
     *     {@code OperationCounters.invalidationContexts()}); may be {@code null}
     * @return how many entries the reachable tiers removed: the larger of the memory tier's and the shared tier's
     *     counts
     * @throws IllegalArgumentException if the pattern is {@code null} or malformed
     */
    long invalidatePattern(String pattern, String context);

    /**
     * The writes of this cache, for a caller that must know whether they reached the shared tier: they throw
     * {@link CacheWriteException} naming the tier and the cause instead of failing open. This cache stays fail-open.
     *
     * @return a view of this cache's writes that reports shared-tier failures
     */
    default StrictCache<K, V> strict() {
        return new StrictCache<>(this);
    }

    /** @return the asynchronous view of this cache */
    AsyncCache<K, V> async();
}
