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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the engine reaches the shared tier, for woven methods and programmatic caches alike: physical keys
 * ({@code <namespace>:v<schema>:<logical key>}), the codec, and the counts of the operation that made the call.
 *
 * <p>Fail-open happens in one layer: every call runs through {@link GuardedTier#call} (the production tier's own
 * guard, or one that never opens for a tier given without one), which turns a failure or an open breaker into a
 * fallback and tells this class which it was, so the operation's error and timeout counts rise and a write the
 * breaker skipped is not counted as a shared write. Nothing here throws except {@link #encode}: a tier failure is
 * a miss, a skipped write, {@code false}, an empty list or 0; a value that does not decode is a miss that is
 * deleted, counted and logged once.
 */
final class SharedTierAccess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTierAccess.class);

    /**
     * What an absent result ({@code null}, empty {@code Optional}) of a {@code cacheNull} method is stored as. It
     * cannot be mistaken for an encoded value: those start with the codec's magic bytes.
     */
    static final byte[] ABSENT = "cacheweave:absent".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What {@link #find} is given by callers that never store absent results (programmatic caches). */
    static final Object NO_ABSENT_RESULTS = new Object();

    /** A value found in the shared tier and the milliseconds it has left ({@code -1}: no expiry). */
    record Found(Object value, long remainingMillis) {
    }

    private final SharedTier tier;
    private final GuardedTier guard;
    /** Whether failures are logged here: the production guard logs its own (at DEBUG, rate-limited). */
    private final boolean logsFailures;
    private final ValueCodec codec;
    private final String keyPrefix;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final String tierName;

    SharedTierAccess(SharedTier tier, ValueCodec codec, String namespace, int schemaVersion) {
        this.tier = tier;
        this.guard = tier instanceof GuardedTier guarded ? guarded : GuardedTier.neverOpening(tier);
        this.logsFailures = !(tier instanceof GuardedTier);
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

    /** @return the tier as the runtime was given it (for the monitor) */
    SharedTier tier() {
        return tier;
    }

    /** @return the physical key of a logical key */
    String physicalKey(String logicalKey) {
        return keyPrefix + logicalKey;
    }

    /** How one call ended, told by the guard; counts for the operation (when given) and logs a failure once. */
    private final class Call implements GuardedTier.Outcome {
        final String kind;
        final String message;
        final Object subject;
        final OperationCounters counters;
        /** What the tier threw, if it did. */
        Throwable failure;

        /**
         * @param kind the kind of failure, logged at WARN once
         * @param message the log message, with one {@code {}} for {@code subject}
         * @param counters the operation's counters, or {@code null} for a call whose failures they do not count
         */
        Call(String kind, String message, Object subject, OperationCounters counters) {
            this.kind = kind;
            this.message = message;
            this.subject = subject;
            this.counters = counters;
        }

        @Override
        public void skipped() {
            StrictCalls.skipped(tierName, guard.breaker());
        }

        @Override
        public void failed(Throwable failure, boolean timeout) {
            this.failure = failure;
            StrictCalls.failed(tierName, failure);
            if (counters != null) {
                counters.sharedError(tierName, timeout);
            }
            if (logsFailures) {
                reportOnce(kind, message, subject, failure);
            }
        }
    }

    private <T> T call(Call call, Supplier<? extends T> action, T fallback) {
        return guard.call(call.kind, action, fallback, call);
    }

    /**
     * @param absent what a stored absent result stands for ({@code null} or an empty {@code Optional}), or
     *     {@link #NO_ABSENT_RESULTS}
     * @param countMiss {@code false} for the polls of a caller waiting under a lease
     * @return the value under a logical key, or {@code null} when absent, unreadable or the tier failed
     */
    Found find(String operation, String logicalKey, Type type, Object absent, OperationCounters counters,
            boolean countMiss) {
        String key = physicalKey(logicalKey);
        long start = System.nanoTime();
        Call read = new Call("read:" + operation, "cacheweave: shared tier read of {} failed; treated as a miss", key,
                counters);
        SharedTier.StoredValue stored = call(read, () -> guard.delegate().get(key), null);
        long nanos = System.nanoTime() - start;
        if (stored == null && !countMiss) {
            return null;
        }
        Found found = found(operation, key, stored, type, absent, counters);
        Recording rec = counters.recording();
        counters.sharedGet(tierName, logicalKey, rec.epochNanos(rec.now()) - nanos, nanos, found != null, read.failure);
        return found;
    }

    /** @return the values found under logical keys, in one round trip; absent keys are not in the map */
    Map<String, Found> findAll(String operation, List<String> logicalKeys, Type type, OperationCounters counters) {
        List<String> physical = new ArrayList<>(logicalKeys.size());
        for (String k : logicalKeys) {
            physical.add(physicalKey(k));
        }
        Map<String, SharedTier.StoredValue> stored = call(new Call("read:" + operation,
                "cacheweave: shared tier read of {} keys failed; treated as misses", logicalKeys.size(), counters),
                () -> guard.delegate().getAll(physical), Map.of());
        Map<String, Found> found = new LinkedHashMap<>();
        for (String k : logicalKeys) {
            String key = physicalKey(k);
            Found f = found(operation, key, stored == null ? null : stored.get(key), type, NO_ABSENT_RESULTS,
                    counters);
            if (f != null) {
                found.put(k, f);
            }
        }
        return found;
    }

    private Found found(String operation, String physicalKey, SharedTier.StoredValue stored, Type type,
            Object absent, OperationCounters counters) {
        if (stored == null) {
            counters.sharedMiss();
            return null;
        }
        boolean storedAbsent = absent != NO_ABSENT_RESULTS && java.util.Arrays.equals(stored.bytes(), ABSENT);
        Object value = storedAbsent ? absent : decode(operation, physicalKey, stored.bytes(), type, counters);
        if (value == null && !storedAbsent) {
            return null; // counted by decode
        }
        counters.sharedHit();
        return new Found(value, stored.remainingMillis());
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
            String key = physicalKey;
            call(new Call("delete:" + operation, "cacheweave: shared tier delete of {} failed", key, null),
                    () -> guard.delegate().delete(List.of(key)), 0L);
            value = null;
        }
        if (value == null) {
            counters.sharedMiss();
        }
        return value;
    }

    /**
     * @return the encoded value, its sizes recorded for the operation
     * @throws RuntimeException (a {@link CodecException}) if the codec cannot write it
     */
    byte[] encode(Object value, Type type, OperationCounters counters) {
        return codec.encode(value, type, counters::valueStored);
    }

    /**
     * Encodes a woven method's result ({@link #ABSENT} for an absent one); never throws: a result the codec cannot
     * write is counted and logged once per operation, and kept in memory only.
     *
     * @return the bytes to store, or {@code null} (also while the tier has not made its first connection)
     */
    byte[] encodeResult(String operation, String logicalKey, Object value, Type type, OperationCounters counters) {
        if (!guard.ready()) {
            return null; // not connected yet: the write would be skipped, so the value is not encoded either
        }
        try {
            return MethodCache.isAbsent(value) ? ABSENT : encode(value, type, counters);
        } catch (RuntimeException e) {
            counters.encodeFailed();
            reportOnce("encode:" + operation, "cacheweave: a result of " + operation + " cannot be encoded as "
                    + type.getTypeName() + ", so it is kept in memory only: {}", logicalKey, e);
            return null;
        }
    }

    /**
     * Stores encoded values under logical keys, in one round trip; never throws.
     *
     * @return whether the tier took them (not when the breaker skipped the write or it failed)
     */
    boolean writeAll(String operation, Map<String, byte[]> byLogicalKey, Duration ttl, OperationCounters counters) {
        Map<String, byte[]> physical = new LinkedHashMap<>();
        byLogicalKey.forEach((k, v) -> physical.put(physicalKey(k), v));
        long start = System.nanoTime();
        Boolean stored = call(new Call("write:" + operation, "cacheweave: shared tier write of {} failed",
                byLogicalKey.keySet(), counters), () -> {
            if (physical.size() == 1) {
                Map.Entry<String, byte[]> e = physical.entrySet().iterator().next();
                guard.delegate().put(e.getKey(), e.getValue(), ttl);
            } else {
                guard.delegate().putAll(physical, ttl);
            }
            return Boolean.TRUE;
        }, Boolean.FALSE);
        if (!stored) {
            return false;
        }
        counters.sharedPut(tierName, System.nanoTime() - start);
        for (int i = 0; i < physical.size(); i++) {
            counters.sharedWrite();
        }
        return true;
    }

    /** @return how many of the logical keys existed and were removed; 0 when the tier failed */
    long deleteKeys(String operation, List<String> logicalKeys) {
        List<String> physical = logicalKeys.stream().map(this::physicalKey).toList();
        return call(new Call("delete:" + operation, "cacheweave: shared tier delete of {} failed", logicalKeys, null),
                () -> guard.delegate().delete(physical), 0L);
    }

    /** Removes every entry whose logical key matches the glob; never throws. @return how many went */
    long deleteMatching(String logicalPattern) {
        return call(new Call("scan:" + logicalPattern, "cacheweave: shared tier invalidation of {} failed; entries "
                + "may stay until they expire", logicalPattern, null),
                () -> guard.delegate().deleteMatching(keyPrefix + logicalPattern), 0L);
    }

    /** @return the milliseconds a logical key has left, {@link SharedTier#ABSENT} also when the tier failed */
    long remainingMillis(String operation, String logicalKey) {
        return call(new Call("ttl:" + operation, "cacheweave: shared tier PTTL of {} failed", logicalKey, null),
                () -> guard.delegate().remainingMillis(physicalKey(logicalKey)), SharedTier.ABSENT);
    }

    /** @return whether the tier extended the logical key's expiry; {@code false} when it failed */
    boolean extendTtl(String operation, String logicalKey, Duration extra) {
        return call(new Call("extend:" + operation, "cacheweave: shared tier extension of {} failed", logicalKey,
                null),
                () -> guard.delegate().extendTtl(physicalKey(logicalKey), extra), false);
    }

    /** @return the logical keys (prefix removed) matching a logical glob, at most {@code limit}; empty on failure */
    List<String> keys(String operation, String logicalGlob, int limit) {
        List<String> physical = call(new Call("keys:" + operation, "cacheweave: shared tier listing of {} failed",
                logicalGlob, null),
                () -> guard.delegate().keys(physicalKey(logicalGlob), limit), List.of());
        List<String> logical = new ArrayList<>(physical == null ? 0 : physical.size());
        for (String k : physical == null ? List.<String>of() : physical) {
            logical.add(k.substring(keyPrefix.length()));
        }
        return logical;
    }

    /** @return how many expired entries matching a logical glob the tier deleted; 0 on failure */
    long cleanupExpired(String operation, String logicalGlob) {
        return call(new Call("cleanup:" + operation, "cacheweave: shared tier cleanup of {} failed", logicalGlob,
                null),
                () -> guard.delegate().cleanupExpired(physicalKey(logicalGlob)), 0L);
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
