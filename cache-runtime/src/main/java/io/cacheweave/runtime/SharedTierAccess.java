package io.cacheweave.runtime;

import io.cacheweave.runtime.codec.CodecException;
import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.Recording;
import io.cacheweave.runtime.tier.FileTier;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.SharedTier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the methods of one runtime use the shared tier: physical keys ({@code <namespace>:v<schema>:<logical key>}),
 * the codec, and the fail-open rule. Nothing here throws: a tier failure is a miss or a skipped write, a value that
 * does not decode is a miss that is deleted, counted and logged once.
 */
final class SharedTierAccess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTierAccess.class);

    /**
     * What an absent result ({@code null}, empty {@code Optional}) of a {@code cacheNull} method is stored as. It
     * cannot be mistaken for an encoded value: those start with the codec's magic bytes.
     */
    static final byte[] ABSENT = "cacheweave:absent".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SharedTier tier;
    private final ValueCodec codec;
    private final String keyPrefix;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final String tierName;

    SharedTierAccess(SharedTier tier, ValueCodec codec, String namespace, int schemaVersion) {
        this.tier = tier;
        this.tierName = tierName(tier);
        this.codec = codec;
        this.keyPrefix = namespace + ":v" + schemaVersion + ":";
    }

    /** @return {@code redis}, {@code file}, or {@code shared} for another kind of tier */
    static String tierName(SharedTier tier) {
        SharedTier t = tier instanceof GuardedTier guarded ? guarded.delegate() : tier;
        return t instanceof FileTier ? "file" : t instanceof RedisTier ? "redis" : "shared";
    }

    /** @return the name of the tier in statistics: {@code redis}, {@code file} or {@code shared} */
    String tierName() {
        return tierName;
    }

    /** @return the tier itself (for the monitor and {@link CacheTierAccess}) */
    SharedTier tier() {
        return tier;
    }

    /** @return the physical key of a logical key */
    String physicalKey(String logicalKey) {
        return keyPrefix + logicalKey;
    }

    /**
     * @param ttl the method's time to live, from which the entry's age follows
     * @return the stored value with the deadline of its remaining time to live (none if at least {@code l1Ttl} is
     *     left, since the memory tier expires it sooner anyway), or {@code null} when absent or unusable
     */
    CachedValue read(String operation, String logicalKey, ReturnTypes.ReturnType returnType,
            OperationCounters counters, CacheClock clock, Duration ttl, Duration l1Ttl) {
        return read(operation, logicalKey, returnType, counters, clock, ttl, l1Ttl, true);
    }

    /**
     * @return the clock reading at which a stored entry with {@code remainingMillis} of {@code ttl} left was written
     *     (the entry's age matters to refresh-ahead)
     */
    static long writtenAt(CacheClock clock, Duration ttl, long remainingMillis) {
        long age = remainingMillis < 0 ? 0 : Math.max(0, ttl.toMillis() - remainingMillis);
        return clock.nanos() - age * 1_000_000L;
    }

    /** As {@link #read}; {@code countMiss} false for the polls of a caller waiting under a lease. */
    CachedValue read(String operation, String logicalKey, ReturnTypes.ReturnType returnType,
            OperationCounters counters, CacheClock clock, Duration ttl, Duration l1Ttl, boolean countMiss) {
        String key = physicalKey(logicalKey);
        SharedTier.StoredValue stored;
        long start = System.nanoTime();
        try {
            stored = tier.get(key);
        } catch (RuntimeException e) {
            counters.sharedError(tierName, GuardedTier.isTimeout(e));
            reportOnce("read:" + operation, "cacheweave: shared tier read of {} failed; serving from the method", key, e);
            stored = null;
        }
        long nanos = System.nanoTime() - start;
        if (stored == null) {
            if (countMiss) {
                timed(counters, nanos, false);
                counters.sharedMiss();
            }
            return null;
        }
        CachedValue found = decoded(operation, key, stored, returnType, counters, clock, ttl, l1Ttl);
        timed(counters, nanos, found != null);
        return found;
    }

    /** Records a finished lookup's latency; {@code usable}: it found a value that decoded. */
    private void timed(OperationCounters counters, long nanos, boolean usable) {
        Recording rec = counters.recording();
        counters.sharedGet(tierName, rec.epochNanos(rec.now()) - nanos, nanos, usable);
    }

    /** @return the stored value decoded and promoted, or {@code null} (counted, deleted) when it does not decode */
    private CachedValue decoded(String operation, String key, SharedTier.StoredValue stored,
            ReturnTypes.ReturnType returnType, OperationCounters counters, CacheClock clock, Duration ttl,
            Duration l1Ttl) {
        if (java.util.Arrays.equals(stored.bytes(), ABSENT)) {
            return promoted(returnType.kind() == ReturnTypes.Kind.OPTIONAL ? java.util.Optional.empty() : null,
                    stored, counters, clock, ttl, l1Ttl);
        }
        Object value = decode(operation, key, stored.bytes(), returnType.valueType(), counters);
        return value == null ? null : promoted(value, stored, counters, clock, ttl, l1Ttl);
    }

    /**
     * Decodes stored bytes; bytes that do not decode are counted ({@code decodeFailures}), logged once and deleted.
     *
     * @return the value, or {@code null} (counted as a shared-tier miss) when there is none to use
     */
    Object decode(String operation, String physicalKey, byte[] bytes, Type type, OperationCounters counters) {
        Object value;
        try {
            value = codec.decode(bytes, type);
        } catch (CodecException e) {
            counters.decodeFailed();
            reportOnce("decode:" + operation + ":" + e.reason(), "cacheweave: removing an entry of " + operation
                    + " that does not decode as " + type.getTypeName() + " (" + e.reason() + "): {}", physicalKey,
                    e);
            delete(List.of(physicalKey));
            value = null;
        }
        if (value == null) {
            counters.sharedMiss();
        }
        return value;
    }

    private static CachedValue promoted(Object value, SharedTier.StoredValue stored, OperationCounters counters,
            CacheClock clock, Duration ttl, Duration l1Ttl) {
        long remaining = stored.remainingMillis();
        long deadline = remaining < 0 || remaining >= l1Ttl.toMillis() ? CachedValue.NO_DEADLINE
                : clock.nanos() + remaining * 1_000_000L;
        counters.sharedHit();
        return new CachedValue(value, deadline, writtenAt(clock, ttl, remaining));
    }

    /** Encodes and stores a result; never throws. @return whether it was handed to the tier */
    boolean write(String operation, String logicalKey, Object value, ReturnTypes.ReturnType returnType,
            Duration ttl, OperationCounters counters) {
        Type type = returnType.valueType();
        byte[] bytes;
        try {
            bytes = MethodCache.isAbsent(value) ? ABSENT : codec.encode(value, type, counters::valueStored);
        } catch (RuntimeException e) {
            counters.encodeFailed();
            reportOnce("encode:" + operation, "cacheweave: a result of " + operation + " cannot be encoded as "
                    + type.getTypeName() + ", so it is kept in memory only: {}", logicalKey, e);
            return false;
        }
        long start = System.nanoTime();
        try {
            tier.put(physicalKey(logicalKey), bytes, ttl);
            counters.sharedPut(tierName, System.nanoTime() - start);
            counters.sharedWrite();
            return true;
        } catch (RuntimeException e) {
            counters.sharedError(tierName, GuardedTier.isTimeout(e));
            reportOnce("write:" + operation, "cacheweave: shared tier write of {} failed", logicalKey, e);
            return false;
        }
    }

    /** Removes physical keys; never throws. */
    void delete(List<String> physicalKeys) {
        try {
            tier.delete(physicalKeys);
        } catch (RuntimeException e) {
            reportOnce("delete", "cacheweave: shared tier delete of {} failed", physicalKeys, e);
        }
    }

    /** Removes every entry whose logical key matches the glob; never throws. @return how many went */
    long deleteMatching(String logicalPattern) {
        try {
            return tier.deleteMatching(keyPrefix + logicalPattern);
        } catch (RuntimeException e) {
            reportOnce("scan:" + logicalPattern, "cacheweave: shared tier invalidation of {} failed; entries may "
                    + "stay until they expire", logicalPattern, e);
            return 0;
        }
    }

    /** @return the codec, for {@link CacheTierAccess} */
    ValueCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        try {
            tier.close();
        } catch (RuntimeException e) {
            LOG.debug("cacheweave: closing the shared tier failed", e);
        }
    }

    /** Logs the first failure of a kind at WARN and the rest at DEBUG, so an outage does not flood the log. */
    void reportOnce(String kind, String message, Object argument, Throwable t) {
        if (reported.add(kind)) {
            LOG.warn(message + " (further failures of this kind are logged at DEBUG)", argument, t);
        } else {
            LOG.debug(message, argument, t);
        }
    }
}
