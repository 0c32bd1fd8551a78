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
     * Removes every key matching a glob (Redis {@code SCAN MATCH} semantics), on every master of a cluster, in
     * batches ({@code SCAN} + {@code UNLINK}, never {@code KEYS}).
     *
     * @param glob a glob over physical keys
     * @return how many keys were removed
     */
    long deleteMatching(String glob);

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
}
