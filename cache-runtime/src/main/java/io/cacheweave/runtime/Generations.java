package io.cacheweave.runtime;

import io.cacheweave.runtime.tier.BusHealth;
import io.cacheweave.runtime.tier.GenerationTier;
import io.cacheweave.runtime.tier.GuardedTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generations of operations (woven methods and programmatic caches) and tags, which make invalidating one of
 * them a single round trip whatever the size of the shared tier: the shared tier keeps a counter per operation and
 * per tag ({@code <namespace>:gen:v<schema>:op:<operation>}, {@code ...:tag:<tag>}, no expiry); invalidating bumps
 * it; an operation's keys carry its generation, and an entry carries the generations of its tags, so entries of an
 * older generation are never read again and go when their TTL runs out.
 *
 * <p>Stored keys: generation 0 (the counter is absent: the operation was never invalidated this way) keeps the
 * logical key, {@code summarize:k}; generation {@code n} inserts {@code \g<n>} after the operation,
 * {@code summarize\g17:k}. An operation name never holds a {@code \}, so no key of one format is a key of the other.
 *
 * <p>What this node knows: a generation read from the tier (lazily, on first use, before any entry of the
 * operation is read or written) or carried by another node's invalidation message is kept, and trusted while the
 * invalidation bus proves that every message published until {@code maxStaleness} ago was applied here (the bound
 * of {@link BusHealth}); when it cannot prove that, the generation is read again before each use; without a bus, it
 * is read again once it is older than {@code maxStaleness}. Lost messages forget every generation.
 *
 * <p>Only tiers that keep counters ({@link GenerationTier}: Redis) have generations; on others (the file tier)
 * every generation is 0 and invalidation deletes the entries, as before.
 */
final class Generations {
    private static final org.slf4j.Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(Generations.class);

    /** What {@link #current} returns when the generation is not known and cannot be read now. */
    static final long UNKNOWN = -1;

    private final GenerationTier tier;
    private final GuardedTier guard;
    private final boolean logsFailures;
    private final String keyPrefix;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    /** Bumped by {@link #forget()}, so a read that began before it does not store what it read. */
    private final AtomicLong forgotten = new AtomicLong();
    private final java.util.Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile BusHealth health;
    private volatile long maxStalenessNanos = Duration.ofMillis(200).toNanos();
    /** The first generation of every tag when the tier keeps no counters (see {@link #local}). */
    private final long started = System.currentTimeMillis() * 1000;

    /** A generation and when it was learned ({@link System#nanoTime()} before the read that found it). */
    private record Known(long generation, long at) {
    }

    Generations(GuardedTier guard, boolean logsFailures, String namespace, int schemaVersion) {
        this.guard = guard;
        this.logsFailures = logsFailures;
        this.tier = guard.delegate() instanceof GenerationTier g ? g : null;
        this.keyPrefix = namespace + ":gen:v" + schemaVersion + ":";
    }

    /** @return whether the tier keeps counters, so that invalidating an operation or a tag is one round trip */
    boolean enabled() {
        return tier != null;
    }

    /**
     * @param health the bus's proof of delivery, or {@code null} without a bus
     * @param maxStaleness how long a generation is trusted without a bus
     */
    void watch(BusHealth health, Duration maxStaleness) {
        this.health = health;
        this.maxStalenessNanos = maxStaleness.toNanos();
    }

    static String operationId(String operation) {
        return "op:" + operation;
    }

    static String tagId(String tag) {
        return "tag:" + tag;
    }

    /** @return the counter's key in the shared tier */
    String counterKey(String id) {
        return keyPrefix + id;
    }

    /** @return the generation of an operation or tag ({@link #operationId}, {@link #tagId}), or {@link #UNKNOWN} */
    long current(String id) {
        return current(id, null);
    }

    /**
     * As {@link #current(String)}; a failed read is told to {@code outcome} (the call it was read for, which counts
     * it for its operation), or logged here when {@code null}.
     */
    long current(String id, GuardedTier.Outcome outcome) {
        if (tier == null) {
            return local(id);
        }
        Known k = known.get(id);
        if (k != null && trusted(k)) {
            return k.generation;
        }
        long[] read = read(List.of(id), outcome);
        return read == null ? UNKNOWN : read[0];
    }

    /** @return the generations of several ids, read in at most one round trip; {@code null} when unknown */
    long[] currentAll(List<String> ids) {
        long[] values = new long[ids.size()];
        if (tier == null) {
            for (int i = 0; i < values.length; i++) {
                values[i] = local(ids.get(i));
            }
            return values;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Known k = known.get(ids.get(i));
            if (k != null && trusted(k)) {
                values[i] = k.generation;
            } else {
                values[i] = UNKNOWN;
                missing.add(ids.get(i));
            }
        }
        if (!missing.isEmpty()) {
            long[] read = read(missing, null);
            if (read == null) {
                return null;
            }
            for (int i = 0, j = 0; i < values.length; i++) {
                if (values[i] == UNKNOWN) {
                    values[i] = read[j++];
                }
            }
        }
        return values;
    }

    /**
     * Without counters in the tier: operations keep generation 0 (their entries are deleted instead) and tags count
     * in this process from its start time in microseconds, so entries tagged by an earlier process (the file tier
     * is one process's) are never taken for current ones.
     */
    private long local(String id) {
        if (!id.startsWith("tag:")) {
            return 0;
        }
        Known k = known.get(id);
        return k == null ? started : k.generation;
    }

    private boolean trusted(Known k) {
        BusHealth h = health;
        return h != null ? h.servesMemoryTier() : System.nanoTime() - k.at < maxStalenessNanos;
    }

    private long[] read(List<String> ids, GuardedTier.Outcome outcome) {
        List<String> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(keyPrefix + id));
        long at = System.nanoTime(); // before the read: what it finds is at least this recent
        long forgottenBefore = forgotten.get();
        long[] values = guard.call("generation", () -> tier.generations(keys), null,
                outcome != null ? outcome : failure("read", ids.size() == 1 ? ids.get(0)
                        : ids.size() + " generations"));
        if (values == null) {
            return null;
        }
        if (forgottenBefore != forgotten.get()) {
            return values; // messages were lost meanwhile: use what was read, keep nothing
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = learn(ids.get(i), values[i], at);
        }
        return values;
    }

    /**
     * Bumps the generation in the shared tier and learns the new one.
     *
     * @return the new generation, or {@link #UNKNOWN} when the tier failed
     */
    long bump(String id) {
        if (tier == null) {
            return known.merge(id, new Known(started + 1, 0), (old, now) -> new Known(old.generation + 1, 0))
                    .generation;
        }
        long floor = System.currentTimeMillis() * 1000; // microseconds: a lost counter restarts above its past
        Long g = guard.call("generation", () -> tier.bumpGeneration(keyPrefix + id, floor), null,
                failure("bump", id));
        return g == null ? UNKNOWN : learn(id, g, System.nanoTime());
    }

    /** Learns a generation carried by another node's message (a generation never goes back). */
    void learn(String id, long generation) {
        learn(id, generation, System.nanoTime());
    }

    private long learn(String id, long generation, long at) {
        return known.merge(id, new Known(generation, at), (old, now) -> old.generation > now.generation
                ? old : old.generation == now.generation && old.at - now.at > 0 ? old : now).generation;
    }

    /** @return the generation this node knows now, without reading the tier; {@link #UNKNOWN} if none (tests) */
    long known(String id) {
        Known k = known.get(id);
        return k == null ? UNKNOWN : k.generation;
    }

    /** Forgets every generation (messages may have been lost): each is read from the tier again before use. */
    void forget() {
        if (tier == null) {
            return; // this process's own counts: nothing to read again
        }
        forgotten.incrementAndGet();
        known.clear();
    }

    /**
     * @param logicalKey {@code operation:rest}
     * @return the key the shared tier holds the entry under now (see the class comment), or {@code null} when the
     *     operation's generation is not known and cannot be read
     */
    String storedKey(String logicalKey) {
        return storedKey(logicalKey, null);
    }

    /** As {@link #storedKey(String)}, a failed read of the generation told to {@code outcome} (see {@link #current}). */
    String storedKey(String logicalKey, GuardedTier.Outcome outcome) {
        int colon = logicalKey.indexOf(':');
        if (tier == null || colon <= 0) {
            return logicalKey;
        }
        long g = current(operationId(logicalKey.substring(0, colon)), outcome);
        if (g == UNKNOWN) {
            return null;
        }
        return withGeneration(logicalKey, colon, g);
    }

    /**
     * The stored key of a logical key with the operation's generation as this node knows it, without reading it:
     * for a load to write under later (see {@code SharedTierAccess.write}). {@code null} when the generation is not
     * known, or is neither trusted nor read since {@code sinceNanos} ({@link System#nanoTime()}, the load's start).
     */
    String knownStoredKey(String logicalKey, long sinceNanos) {
        int colon = logicalKey.indexOf(':');
        if (tier == null || colon <= 0) {
            return logicalKey;
        }
        Known k = known.get(operationId(logicalKey.substring(0, colon)));
        if (k == null || !(k.at - sinceNanos >= 0 || trusted(k))) {
            return null;
        }
        return withGeneration(logicalKey, colon, k.generation);
    }

    private static String withGeneration(String logicalKey, int colon, long g) {
        return g == 0 ? logicalKey : logicalKey.substring(0, colon) + "\\g" + g + logicalKey.substring(colon);
    }

    /** @return the logical key of a stored key: the generation removed */
    static String logicalKey(String storedKey) {
        int colon = storedKey.indexOf(':');
        int mark = storedKey.indexOf("\\g");
        return mark < 0 || colon < 0 || mark > colon ? storedKey : storedKey.substring(0, mark)
                + storedKey.substring(colon);
    }

    /**
     * @param logicalGlob a glob over logical keys
     * @return a glob over stored keys that matches the stored keys of the current generation whose logical keys
     *     match: exactly, when the glob names its operation literally (the usual case); else a glob that also lets
     *     any generation through (it may match a few more keys, which is safe for a cache); {@code null} when the
     *     named operation's generation cannot be read
     */
    String storedGlob(String logicalGlob) {
        if (tier == null) {
            return logicalGlob;
        }
        int colon = firstSeparator(logicalGlob);
        if (colon < 0) {
            return logicalGlob; // no ':' (every key has one), or a wildcard before it that also covers the mark
        }
        String op = logicalGlob.substring(0, colon);
        if (op.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\')) {
            return op + "*" + logicalGlob.substring(colon);
        }
        long g = current(operationId(op));
        if (g == UNKNOWN) {
            return null;
        }
        return g == 0 ? logicalGlob : op + "\\\\g" + g + logicalGlob.substring(colon);
    }

    /** @return the index of the first ':' of a glob that is not escaped, or -1 */
    private static int firstSeparator(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':') {
                return i;
            }
        }
        return -1;
    }

    private GuardedTier.Outcome failure(String what, String subject) {
        return new GuardedTier.Outcome() {
            @Override
            public void skipped() {
                StrictCalls.skipped(SharedTierAccess.tierName(guard), guard.breaker());
            }

            @Override
            public void failed(Throwable failure, boolean timeout) {
                StrictCalls.failed(SharedTierAccess.tierName(guard), failure);
                String message = "cacheweave: shared tier generation " + what + " of {} failed; " + (what.equals("bump")
                        ? "its entries in the shared tier stay until they expire"
                        : "its entries are not read or written in the shared tier until a read succeeds");
                if (logsFailures && reported.add(what)) {
                    LOG.warn(message + " (further failures of this kind are logged at DEBUG)", subject, failure);
                } else {
                    LOG.debug(message, subject, failure);
                }
            }
        };
    }
}
