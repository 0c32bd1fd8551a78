package io.cacheweave.runtime;

import io.cacheweave.runtime.codec.CodecException;
import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.Recording;
import io.cacheweave.runtime.internal.TagHeader;
import io.cacheweave.runtime.tier.FileTier;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.SharedTier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;

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
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(SharedTierAccess.class);

    /**
     * What an absent result ({@code null}, empty {@code Optional}) of a {@code cacheNull} method is stored as. It
     * cannot be mistaken for an encoded value: those start with the codec's magic bytes.
     */
    static final byte[] ABSENT = "cacheweave:absent".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** What {@link #find} is given by callers that never store absent results (programmatic caches). */
    static final Object NO_ABSENT_RESULTS = new Object();

    /**
     * A value found in the shared tier, the milliseconds it has left ({@code -1}: no expiry), and its tags
     * ({@code null}: none), to keep with it in the memory tier.
     */
    record Found(Object value, long remainingMillis, String[] tags) {
        Found(Object value, long remainingMillis) {
            this(value, remainingMillis, null);
        }
    }

    private final SharedTier tier;
    private final GuardedTier guard;
    /** Whether failures are logged here: the production guard logs its own (at DEBUG, rate-limited). */
    private final boolean logsFailures;
    private final ValueCodec codec;
    private final String keyPrefix;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final String tierName;
    /** The generations of operations and tags: what stored keys carry (see {@link Generations}). */
    private final Generations generations;

    SharedTierAccess(SharedTier tier, ValueCodec codec, String namespace, int schemaVersion) {
        this.tier = tier;
        this.guard = tier instanceof GuardedTier guarded ? guarded : GuardedTier.neverOpening(tier);
        this.logsFailures = !(tier instanceof GuardedTier);
        this.tierName = tierName(tier);
        this.codec = codec;
        this.keyPrefix = namespace + ":v" + schemaVersion + ":";
        this.generations = new Generations(guard, logsFailures, namespace, schemaVersion);
    }

    /** @return the generations of operations and tags in this tier */
    Generations generations() {
        return generations;
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

    /**
     * @return the physical key of a logical key: prefixed, with the operation's current generation (read first when
     *     this node does not know it, see {@link Generations}); {@code null} when that generation cannot be read,
     *     which callers treat as a failed call
     */
    String physicalKey(String logicalKey) {
        return physicalKey(logicalKey, null);
    }

    /**
     * @return the physical key of a logical key with the generation this node read since {@code sinceNanos} or
     *     trusts, without reading it; {@code null} when it has none such (see {@link Generations#knownStoredKey})
     */
    String knownPhysicalKey(String logicalKey, long sinceNanos) {
        String stored = generations.knownStoredKey(logicalKey, sinceNanos);
        return stored == null ? null : keyPrefix + stored;
    }

    /** As {@link #physicalKey(String)}, a failed read of the generation counted as a failure of {@code call}. */
    private String physicalKey(String logicalKey, Call call) {
        String stored = generations.storedKey(logicalKey, call);
        return stored == null ? null : keyPrefix + stored;
    }

    /** How one call ended, told by the guard; counts for the operation (when given) and logs a failure once. */
    private final class Call implements GuardedTier.Outcome {
        final String kind;
        final String message;
        /** What the call was about, for the log: the physical key once known. */
        Object subject;
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
        long start = System.nanoTime();
        Call read = new Call("read:" + operation, "cacheweave: shared tier read of {} failed; treated as a miss",
                logicalKey, counters);
        String key = physicalKey(logicalKey, read); // a failed read of the generation is this read's failure
        if (key != null) {
            read.subject = key;
        }
        SharedTier.StoredValue stored = key == null ? null : call(read, () -> guard.delegate().get(key), null);
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
        Call read = new Call("read:" + operation, "cacheweave: shared tier read of {} keys failed; treated as misses",
                logicalKeys.size(), counters);
        List<String> physical = new ArrayList<>(logicalKeys.size());
        for (String k : logicalKeys) {
            String key = physicalKey(k, read);
            if (key == null) {
                for (int i = 0; i < logicalKeys.size(); i++) {
                    counters.sharedMiss(); // a generation cannot be read (counted as this read's failure)
                }
                return Map.of();
            }
            physical.add(key);
        }
        Map<String, SharedTier.StoredValue> stored = call(read, () -> guard.delegate().getAll(physical), Map.of());
        Map<String, Found> found = new LinkedHashMap<>();
        for (int i = 0; i < logicalKeys.size(); i++) {
            String k = logicalKeys.get(i);
            String key = physical.get(i);
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
        byte[] bytes = stored.bytes();
        String[] tags = null;
        if (TagHeader.isTagged(bytes)) {
            TagHeader.Header header = currentTags(operation, physicalKey, bytes, counters);
            if (header == null) {
                counters.sharedMiss();
                return null; // a tag was invalidated since the entry was written (or cannot be checked now)
            }
            tags = header.tags();
            bytes = header.value();
        }
        boolean storedAbsent = absent != NO_ABSENT_RESULTS && java.util.Arrays.equals(bytes, ABSENT);
        Object value = storedAbsent ? absent : decode(operation, physicalKey, bytes, type, counters);
        if (value == null && !storedAbsent) {
            return null; // counted by decode
        }
        counters.sharedHit();
        return new Found(value, stored.remainingMillis(), tags);
    }

    /** @return the header of a tagged entry whose tags all have the generations they were written with, else null */
    private TagHeader.Header currentTags(String operation, String physicalKey, byte[] bytes,
            OperationCounters counters) {
        TagHeader.Header header;
        try {
            header = TagHeader.read(bytes);
        } catch (IllegalArgumentException e) {
            counters.decodeFailed();
            reportOnce("decode:" + operation + ":tags", "cacheweave: an entry of " + operation + " has a malformed "
                    + "tag header (" + e.getMessage() + "); treated as a miss: {}", physicalKey, null);
            return null;
        }
        List<String> ids = new ArrayList<>(header.tags().length);
        for (String tag : header.tags()) {
            ids.add(Generations.tagId(tag));
        }
        long[] now = generations.currentAll(ids);
        return now != null && java.util.Arrays.equals(now, header.generations()) ? header : null;
    }

    /**
     * Puts the tags, with their generations now, in front of encoded bytes. (A load whose value was made before an
     * invalidation of its tag and is written after it gets the new generation: the loads' epoch checks, which an
     * invalidation of a tag bumps as an operation's does, delete such a write again.)
     *
     * @return the bytes to store, {@code value} itself without tags, or {@code null} when the tags' generations
     *     cannot be read now (the entry is then not written to the shared tier)
     */
    Map<String, byte[]> withTags(String[] tags, Map<String, byte[]> byLogicalKey) {
        Map<String, byte[]> tagged = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : byLogicalKey.entrySet()) {
            byte[] bytes = withTags(tags, e.getValue());
            if (bytes == null) {
                return Map.of(); // nothing written: the tags cannot be checked by readers
            }
            tagged.put(e.getKey(), bytes);
        }
        return tagged;
    }

    /** As {@link #withTags(String[], Map)} for one value. */
    byte[] withTags(String[] tags, byte[] value) {
        return withTags(tags, tags == null ? null : tagGenerations(tags), value);
    }

    /**
     * @return the generations of {@code tags} now (read when not known), for a load to write with later (see
     *     {@link #write}); {@code null} when they cannot be read
     */
    long[] tagGenerations(String[] tags) {
        List<String> ids = new ArrayList<>(tags.length);
        for (String tag : tags) {
            ids.add(Generations.tagId(tag));
        }
        return generations.currentAll(ids);
    }

    /**
     * Puts the tags, with the given generations (pinned when a load began, see {@link #tagGenerations}), in front of
     * encoded bytes. @return the bytes to store, {@code value} without tags, {@code null} when generations are
     * unknown
     */
    byte[] withTags(String[] tags, long[] generations, byte[] value) {
        if (tags == null) {
            return value;
        }
        return generations == null ? null : TagHeader.wrap(tags, generations, value);
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
        if (byLogicalKey.isEmpty()) {
            return false;
        }
        Call write = writeCall(operation, byLogicalKey.keySet(), counters);
        Map<String, byte[]> physical = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : byLogicalKey.entrySet()) {
            String key = physicalKey(e.getKey(), write);
            if (key == null) {
                return false; // a generation cannot be read: nothing is written where readers would not look
            }
            physical.put(key, e.getValue());
        }
        return put(write, physical, ttl, counters);
    }

    /**
     * As {@link #writeAll(String, Map, Duration, OperationCounters)} for one value, under the physical key
     * {@code pinned} when given: the key a load computed when it began ({@link #knownPhysicalKey}), so that a load
     * that began before its operation's generation moved writes where readers of the new generation never look,
     * whether or not this node has heard of the move by now.
     */
    boolean write(String operation, String logicalKey, String pinned, byte[] bytes, Duration ttl,
            OperationCounters counters) {
        if (pinned == null) {
            return writeAll(operation, Map.of(logicalKey, bytes), ttl, counters);
        }
        return put(writeCall(operation, List.of(logicalKey), counters), Map.of(pinned, bytes), ttl, counters);
    }

    private Call writeCall(String operation, Collection<String> logicalKeys, OperationCounters counters) {
        return new Call("write:" + operation, "cacheweave: shared tier write of {} failed", logicalKeys, counters);
    }

    /** Stores values under their physical keys, in one round trip, counted. @return whether the tier took them */
    private boolean put(Call write, Map<String, byte[]> physical, Duration ttl, OperationCounters counters) {
        long start = System.nanoTime();
        Boolean stored = call(write, () -> {
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
        List<String> physical = logicalKeys.stream().map(this::physicalKey).filter(java.util.Objects::nonNull)
                .toList();
        return deletePhysical(operation, logicalKeys, physical);
    }

    /** Removes one entry by its physical key ({@code pinned}, see {@link #write}), or by its logical key's now. */
    long delete(String operation, String logicalKey, String pinned) {
        return pinned == null ? deleteKeys(operation, List.of(logicalKey))
                : deletePhysical(operation, List.of(logicalKey), List.of(pinned));
    }

    private long deletePhysical(String operation, List<String> logicalKeys, List<String> physical) {
        return call(new Call("delete:" + operation, "cacheweave: shared tier delete of {} failed", logicalKeys, null),
                () -> guard.delegate().delete(physical), 0L);
    }

    /**
     * Removes every entry whose logical key matches the glob ({@code SCAN}, so it takes time in proportion to the
     * size of the tier); never throws. Only the operation's current generation is looked at when the glob names
     * its operation: entries of older generations are never read again anyway.
     *
     * @return how many went
     */
    long deleteMatching(String logicalPattern) {
        String stored = generations.storedGlob(logicalPattern);
        if (stored == null) {
            return 0;
        }
        return call(new Call("scan:" + logicalPattern, "cacheweave: shared tier invalidation of {} failed; entries "
                + "may stay until they expire", logicalPattern, null),
                () -> guard.delegate().deleteMatching(keyPrefix + stored), 0L);
    }

    /** @return the milliseconds a logical key has left, {@link SharedTier#ABSENT} also when the tier failed */
    long remainingMillis(String operation, String logicalKey) {
        String key = physicalKey(logicalKey);
        return key == null ? SharedTier.ABSENT : call(new Call("ttl:" + operation,
                "cacheweave: shared tier PTTL of {} failed", logicalKey, null),
                () -> guard.delegate().remainingMillis(key), SharedTier.ABSENT);
    }

    /** @return whether the tier extended the logical key's expiry; {@code false} when it failed */
    boolean extendTtl(String operation, String logicalKey, Duration extra) {
        String key = physicalKey(logicalKey);
        return key != null && call(new Call("extend:" + operation, "cacheweave: shared tier extension of {} failed",
                logicalKey, null), () -> guard.delegate().extendTtl(key, extra), false);
    }

    /** @return the logical keys (prefix removed) matching a logical glob, at most {@code limit}; empty on failure */
    List<String> keys(String operation, String logicalGlob, int limit) {
        String stored = generations.storedGlob(logicalGlob);
        List<String> physical = stored == null ? List.of() : call(new Call("keys:" + operation,
                "cacheweave: shared tier listing of {} failed", logicalGlob, null),
                () -> guard.delegate().keys(keyPrefix + stored, limit), List.of());
        List<String> logical = new ArrayList<>(physical == null ? 0 : physical.size());
        for (String k : physical == null ? List.<String>of() : physical) {
            logical.add(Generations.logicalKey(k.substring(keyPrefix.length())));
        }
        return logical;
    }

    /** @return how many expired entries matching a logical glob the tier deleted; 0 on failure */
    long cleanupExpired(String operation, String logicalGlob) {
        String stored = generations.storedGlob(logicalGlob);
        return stored == null ? 0 : call(new Call("cleanup:" + operation, "cacheweave: shared tier cleanup of {} "
                + "failed", logicalGlob, null), () -> guard.delegate().cleanupExpired(keyPrefix + stored), 0L);
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
