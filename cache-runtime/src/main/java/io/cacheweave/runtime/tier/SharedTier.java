package io.cacheweave.runtime.tier;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A tier behind the memory tier: shared by every JVM that points at it (Redis) or surviving restarts (files).
 * It stores encoded values (see {@code io.cacheweave.runtime.codec}) under physical keys
 * ({@code <namespace>:v<schema>:<logical key>}).
 *
 * <p>Implementations may throw {@link TierException} (or any runtime exception) from every method when the backing
 * store fails or is slow; {@link GuardedTier} turns that into misses and no-ops behind a {@link CircuitBreaker}, so
 * callers of a guarded tier never see an exception.
 */
public interface SharedTier extends AutoCloseable {

    /**
     * @param key a physical key
     * @return the stored bytes with their remaining time to live, or {@code null} when absent
     */
    StoredValue get(String key);

    /**
     * Reads several keys in one round trip (pipelined; across cluster slots as needed).
     *
     * @param keys physical keys
     * @return the present keys with their values; absent keys are not in the map
     */
    Map<String, StoredValue> getAll(List<String> keys);

    /**
     * @param key a physical key
     * @param value encoded bytes
     * @param ttl time to live, positive; written with millisecond precision ({@code PX})
     */
    void put(String key, byte[] value, Duration ttl);

    /**
     * Writes several entries in one round trip (pipelined), each with the same time to live.
     *
     * @param values encoded bytes by physical key
     * @param ttl time to live, positive
     */
    void putAll(Map<String, byte[]> values, Duration ttl);

    /**
     * @param keys physical keys
     * @return how many existed and were removed
     */
    long delete(Collection<String> keys);

    /**
     * Removes every key matching a glob ({@link io.cacheweave.runtime.key.GlobPattern}: Redis' glob, with wildcards
     * matching whole characters of the key, never part of an escape sequence), on every master of a cluster, in
     * batches ({@code SCAN} + {@code UNLINK}, never {@code KEYS}).
     *
     * @param glob a glob over physical keys
     * @return how many keys were removed
     */
    long deleteMatching(String glob);

    /** {@link #remainingMillis} of a key that is absent (or expired), as Redis {@code PTTL} answers. */
    long ABSENT = -2;
    /** {@link #remainingMillis} of a key that exists without an expiry, as Redis {@code PTTL} answers. */
    long NO_EXPIRY = -1;

    /**
     * The time a key has left ({@code PTTL}). The default reads the value; tiers override it with a cheaper call.
     *
     * @param key a physical key
     * @return milliseconds to live, {@link #NO_EXPIRY} for a key without expiry, or {@link #ABSENT}
     */
    default long remainingMillis(String key) {
        StoredValue v = get(key);
        return v == null ? ABSENT : v.remainingMillis() < 0 ? NO_EXPIRY : v.remainingMillis();
    }

    /**
     * Adds {@code extra} to the time a key has left, atomically where the tier can (Redis: one script doing
     * {@code PTTL} and {@code PEXPIRE}). The default reads and rewrites the value, which is not atomic; tiers
     * override it.
     *
     * @param key a physical key
     * @param extra time to add, positive
     * @return {@code true} only if the key existed, had an expiry that had not run out, and was extended
     */
    default boolean extendTtl(String key, Duration extra) {
        StoredValue v = get(key);
        if (v == null || v.remainingMillis() < 0) {
            return false;
        }
        put(key, v.bytes(), Duration.ofMillis(v.remainingMillis()).plus(extra));
        return true;
    }

    /**
     * Lists keys matching a glob without removing them (Redis {@code SCAN MATCH} on every master, never
     * {@code KEYS}), up to {@code limit}. The order is unspecified; a key written or removed during the call may or
     * may not be listed. The default throws {@link UnsupportedOperationException}.
     *
     * @param glob a glob over physical keys
     * @param limit the most keys to return, at least 1
     * @return the matching keys of unexpired entries, at most {@code limit}
     */
    default List<String> keys(String glob, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot list keys");
    }

    /**
     * Deletes the expired entries still held whose keys match a glob. Tiers that expire entries by themselves, such
     * as Redis, hold none and return 0 (the default).
     *
     * @param glob a glob over physical keys
     * @return how many were deleted
     */
    default long cleanupExpired(String glob) {
        return 0;
    }

    /** Releases connections and threads. */
    @Override
    void close();

    /**
     * A stored value and the time it has left.
     *
     * @param bytes the encoded value
     * @param remainingMillis milliseconds to live, or {@code -1} when the entry has no expiry
     */
    record StoredValue(byte[] bytes, long remainingMillis) {
    }

    /**
     * @return {@code false} while the tier has not made its first connection (its calls fail at once with
     *     {@link TierNotConnectedException}), so a caller can skip the work of preparing a call (encoding a value);
     *     {@code true} otherwise, also while a connection made earlier is lost. The default is {@code true}.
     */
    default boolean ready() {
        return true;
    }

    /**
     * Asks to be told each time the tier makes a connection again after losing one (also when it makes its first),
     * so that a {@link GuardedTier} uses it again at once instead of waiting out its breaker's open period. The
     * action runs on a thread of the tier's client and must not block. The default never calls it (a tier without
     * connections).
     *
     * @param action what to run
     */
    default void onConnected(Runnable action) {
    }
}
