package io.cacheweave.runtime;

import io.cacheweave.runtime.codec.CodecException;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.Recording;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.tier.SharedTier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How programmatic caches ({@link TieredCache}) use the runtime's shared tier, through its {@link SharedTierAccess}
 * (physical keys, codec, fail-open logging): values come back with the time they have left, values are encoded by
 * the caller before anything is stored (so a value the codec cannot write is refused, not skipped), and the
 * time-to-live and listing calls of {@link SharedTier}. Nothing here throws: a tier failure is a miss, a skipped
 * write, {@code false}, an empty list or 0.
 */
final class CacheTierAccess {
    private final SharedTierAccess access;
    private final int prefixLength;

    CacheTierAccess(SharedTierAccess access) {
        this.access = access;
        this.prefixLength = access.physicalKey("").length();
    }

    /** A decoded value of a programmatic cache and the milliseconds it has left ({@code -1}: no expiry). */
    record Found(Object value, long remainingMillis) {
    }

    /** @return the value under a logical key, or {@code null} when absent, unreadable or the tier failed */
    Found find(String name, String logicalKey, Type type, OperationCounters counters) {
        SharedTier.StoredValue stored;
        long start = System.nanoTime();
        try {
            stored = access.tier().get(access.physicalKey(logicalKey));
        } catch (RuntimeException e) {
            counters.sharedError(access.tierName(), GuardedTier.isTimeout(e));
            access.reportOnce("read:" + name, "cacheweave: shared tier read of {} failed; treated as a miss", logicalKey,
                    e);
            stored = null;
        }
        long nanos = System.nanoTime() - start;
        Found found = found(name, logicalKey, stored, type, counters);
        Recording rec = counters.recording();
        counters.sharedGet(access.tierName(), rec.epochNanos(rec.now()) - nanos, nanos, found != null);
        return found;
    }

    /** @return the values found under logical keys, in one round trip; absent keys are not in the map */
    Map<String, Found> findAll(String name, List<String> logicalKeys, Type type, OperationCounters counters) {
        List<String> physical = new ArrayList<>(logicalKeys.size());
        for (String k : logicalKeys) {
            physical.add(access.physicalKey(k));
        }
        Map<String, SharedTier.StoredValue> stored;
        try {
            stored = access.tier().getAll(physical);
        } catch (RuntimeException e) {
            counters.sharedError(access.tierName(), GuardedTier.isTimeout(e));
            access.reportOnce("read:" + name, "cacheweave: shared tier read of {} keys failed; treated as misses",
                    logicalKeys.size(), e);
            stored = Map.of();
        }
        Map<String, Found> found = new LinkedHashMap<>();
        for (String k : logicalKeys) {
            Found f = found(name, k, stored.get(access.physicalKey(k)), type, counters);
            if (f != null) {
                found.put(k, f);
            }
        }
        return found;
    }

    private Found found(String name, String logicalKey, SharedTier.StoredValue stored, Type type,
            OperationCounters counters) {
        if (stored == null) {
            counters.sharedMiss();
            return null;
        }
        Object value = access.decode(name, access.physicalKey(logicalKey), stored.bytes(), type, counters);
        if (value == null) {
            return null;
        }
        counters.sharedHit();
        return new Found(value, stored.remainingMillis());
    }

    /**
     * @return the encoded value, its sizes recorded for the operation
     * @throws RuntimeException (a {@link CodecException}) if the codec cannot write it
     */
    byte[] encode(Object value, Type type, OperationCounters counters) {
        return access.codec().encode(value, type, counters::valueStored);
    }

    /** Stores encoded values under logical keys, in one round trip; never throws. @return whether they were sent */
    boolean writeAll(String name, Map<String, byte[]> byLogicalKey, Duration ttl, OperationCounters counters) {
        Map<String, byte[]> physical = new LinkedHashMap<>();
        byLogicalKey.forEach((k, v) -> physical.put(access.physicalKey(k), v));
        long start = System.nanoTime();
        try {
            if (physical.size() == 1) {
                Map.Entry<String, byte[]> e = physical.entrySet().iterator().next();
                access.tier().put(e.getKey(), e.getValue(), ttl);
            } else {
                access.tier().putAll(physical, ttl);
            }
            counters.sharedPut(access.tierName(), System.nanoTime() - start);
            for (int i = 0; i < physical.size(); i++) {
                counters.sharedWrite();
            }
            return true;
        } catch (RuntimeException e) {
            counters.sharedError(access.tierName(), GuardedTier.isTimeout(e));
            access.reportOnce("write:" + name, "cacheweave: shared tier write of {} failed", byLogicalKey.keySet(), e);
            return false;
        }
    }

    /** @return how many of the logical keys existed and were removed; 0 when the tier failed */
    long deleteKeys(String name, List<String> logicalKeys) {
        List<String> physical = logicalKeys.stream().map(access::physicalKey).toList();
        try {
            return access.tier().delete(physical);
        } catch (RuntimeException e) {
            access.reportOnce("delete:" + name, "cacheweave: shared tier delete of {} failed", logicalKeys, e);
            return 0;
        }
    }

    /** @return the milliseconds a logical key has left, {@link SharedTier#ABSENT} also when the tier failed */
    long remainingMillis(String name, String logicalKey) {
        try {
            return access.tier().remainingMillis(access.physicalKey(logicalKey));
        } catch (RuntimeException e) {
            access.reportOnce("ttl:" + name, "cacheweave: shared tier PTTL of {} failed", logicalKey, e);
            return SharedTier.ABSENT;
        }
    }

    /** @return whether the tier extended the logical key's expiry; {@code false} when it failed */
    boolean extendTtl(String name, String logicalKey, Duration extra) {
        try {
            return access.tier().extendTtl(access.physicalKey(logicalKey), extra);
        } catch (RuntimeException e) {
            access.reportOnce("extend:" + name, "cacheweave: shared tier extension of {} failed", logicalKey, e);
            return false;
        }
    }

    /** @return the logical keys (prefix removed) matching a logical glob, at most {@code limit}; empty on failure */
    List<String> keys(String name, String logicalGlob, int limit) {
        try {
            List<String> physical = access.tier().keys(access.physicalKey(logicalGlob), limit);
            List<String> logical = new ArrayList<>(physical.size());
            for (String k : physical) {
                logical.add(k.substring(prefixLength));
            }
            return logical;
        } catch (RuntimeException e) {
            access.reportOnce("keys:" + name, "cacheweave: shared tier listing of {} failed", logicalGlob, e);
            return List.of();
        }
    }

    /** @return how many expired entries matching a logical glob the tier deleted; 0 on failure */
    long cleanupExpired(String name, String logicalGlob) {
        try {
            return access.tier().cleanupExpired(access.physicalKey(logicalGlob));
        } catch (RuntimeException e) {
            access.reportOnce("cleanup:" + name, "cacheweave: shared tier cleanup of {} failed", logicalGlob, e);
            return 0;
        }
    }
}
