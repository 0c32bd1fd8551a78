package io.cacheweave.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import io.cacheweave.runtime.key.Keys;
import io.cacheweave.runtime.stats.HitCounter;
import io.cacheweave.runtime.stats.MemoryEstimator;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.tier.BusHealth;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The engine: one operation's memory tier in front of the runtime's shared tier, for every caller. A woven method
 * ({@link MethodCache}, whose per-binding state is a {@code CacheCore<Object>} keyed by the generated key object) and
 * a programmatic cache ({@link ProgrammaticCache}, a {@code CacheCore<String>} keyed by the rendered key) both look up,
 * single-flight, promote, store, invalidate and sample hits here; they differ only in the key they give it and in
 * what they do around it (the woven protocol; the {@link Cache} interface).
 *
 * <p>Guards against storing stale values, the same for both:
 * <ul>
 *   <li>the <b>epoch</b> is bumped by every removal of many entries (clear, pattern, operation, rebinding), so a
 *       read or load that began before it does not store what it found;</li>
 *   <li>the <b>version</b> of a key's stripe is bumped by every put or removal of one key, before the memory tier
 *       changes, so a read or load of that key under way then does not overwrite the newer state;</li>
 *   <li>{@link #keep} checks both under the entry's lock, and removes its entry again when a removal of many began
 *       meanwhile; {@link #writeShared} deletes what it wrote when either moved while it wrote.</li>
 * </ul>
 *
 * <p>Expiry: every entry carries its deadline, checked on each lookup against the runtime's clock, so an entry past
 * it is never served. Who removes such entries differs: programmatic caches hand their deadlines to Caffeine
 * ({@link EntryDeadlines}, variable expiry); woven methods' tiers have no Caffeine expiry (its read-side
 * bookkeeping cost about a nanosecond a hit, see MemoryTierBenchmark), so a store drops an expired entry it replaces
 * and {@linkplain #sweepEveryNanos sweeps} the tier for expired entries at most so often, besides the size bound and
 * {@code cacheweave.l1.cleanup-interval}.
 *
 * @param <K> the memory tier's key
 */
class CacheCore<K> {
    /** How many hits a sample ring holds between two reports to the monitor. */
    static final int SAMPLES = 16;
    private static final int VERSION_STRIPES = 1024;
    /** The largest memory tier a store sweeps on its own thread. */
    static final int SWEEP_INLINE_ENTRIES = 16_384;

    /** The operation (a woven method's) or the cache's name (a programmatic cache's). */
    final String name;
    /** The memory tier, {@code null} when disabled (the caller runs uncached). */
    final Cache<K, MemoryEntry> l1;
    final CacheClock clock;
    final OperationCounters counters;
    final HitCounter hits;
    /** The shared tier, {@code null} without one. */
    final SharedTierAccess shared;
    /** Whether the memory tier may be served ({@code null}: always, no bus can tell otherwise). */
    final BusHealth health;
    /** {@code cacheweave.otel.memory-hit-spans}: tell observers of each memory-tier hit. */
    final boolean hitSpans;
    /** The longest a caller waits for another caller's load of the same key. */
    final long maxWaitNanos;
    /**
     * How often a store sweeps expired entries out of the memory tier (the time between sweeps), or 0 when the tier
     * removes them itself (Caffeine's expiry).
     */
    final long sweepEveryNanos;
    /**
     * The longest an entry stays in the memory tier, whatever its time to live ({@code cacheweave.l1.ttl} of a
     * woven method's tier), or {@link Long#MAX_VALUE}; a programmatic cache's tier applies its bound in Caffeine
     * ({@link EntryDeadlines}), so that its entries' deadlines stay their times to live.
     */
    final long memoryTtlNanos;
    /** The clock reading after which the next store sweeps; written by the one store that claims the sweep. */
    private final AtomicLong nextSweep = new AtomicLong();
    /** The memory tier's entry bound, for the monitor (the tier itself is bounded by weight, see MemoryBound). */
    final long maxEntries;
    /** How a memory-tier key is written as logical key text ({@code operation:part...}). */
    private final Function<? super K, String> logicalKeys;

    final AtomicLong epoch = new AtomicLong();
    /** Whether an entry with tags was ever kept, so invalidating a tag looks through this memory tier. */
    private volatile boolean tagged;
    private final AtomicLongArray versions = new AtomicLongArray(VERSION_STRIPES);
    final Map<K, Flight> flights = new ConcurrentHashMap<>();

    /** Sampled hits: a ring of entry numbers written with plain stores by the hit path; read by {@link #reportSampledHits}. */
    final int[] samples = new int[SAMPLES];
    int sampleCursor;
    private long reportedHits;
    private final AtomicInteger ids = new AtomicInteger();

    CacheCore(String name, Cache<K, MemoryEntry> l1, CacheClock clock, OperationCounters counters,
            SharedTierAccess shared, BusHealth health, boolean hitSpans, long maxWaitNanos, long sweepEveryNanos,
            long memoryTtlNanos, long maxEntries, Function<? super K, String> logicalKeys) {
        this.name = name;
        this.l1 = l1;
        this.clock = clock;
        this.counters = counters;
        this.hits = counters.hitCounter();
        this.shared = shared;
        this.health = health;
        this.hitSpans = hitSpans;
        this.maxWaitNanos = maxWaitNanos;
        this.sweepEveryNanos = sweepEveryNanos;
        this.memoryTtlNanos = memoryTtlNanos;
        this.nextSweep.set(clock.nanos() + sweepEveryNanos);
        this.maxEntries = maxEntries;
        this.logicalKeys = logicalKeys;
    }

    // ---- lookup ----

    /** @return whether an entry is live at the clock reading {@code now}, as a test */
    static Predicate<MemoryEntry> live(long now) {
        return v -> live(v, now);
    }

    /** @return whether an entry is still fresh at the clock reading {@code now} */
    static boolean live(MemoryEntry v, long now) {
        return v.deadline() == MemoryEntry.NO_DEADLINE || now - v.deadline() < 0;
    }

    /** @return whether an entry is still fresh now (one read of the runtime's clock) */
    final boolean fresh(MemoryEntry v) {
        long deadline = v.deadline();
        return deadline == MemoryEntry.NO_DEADLINE || clock.nanos() - deadline < 0;
    }

    /**
     * The hit path: the live memory-tier entry, counted as a hit (one in {@link HitCounter#SAMPLE_INTERVAL} noted
     * for the top keys), or {@code null} (also while the bus is not known healthy, so the caller reads through).
     */
    final MemoryEntry lookup(K key) {
        MemoryEntry v = l1.getIfPresent(key);
        if (v != null && fresh(v)) {
            BusHealth h = health;
            if (h == null || h.servesMemoryTier()) {
                countHit(v, key);
                return v;
            }
            h.bypassed();
        }
        return null;
    }

    /**
     * Serves a live entry that a lookup without its key object found ({@link MethodState#candidate}) and the caller
     * checked: counted as a hit, or {@code null} while the bus is not known healthy (the caller then looks up by
     * key, which counts the bypass).
     */
    final MemoryEntry served(MemoryEntry checked) {
        BusHealth h = health;
        if (h != null && !h.servesMemoryTier()) {
            return null;
        }
        countHit(checked, checked.tupleKey);
        return checked;
    }

    private void countHit(MemoryEntry v, Object key) {
        if (hits.incrementSampled()) {
            // A plain int store of the entry's number: a call here, a reference store (its GC barrier) or the key
            // reaching either measurably slowed the hit path (an escaping key tuple is allocated).
            samples[sampleCursor++ & (SAMPLES - 1)] = v.id;
        }
        if (hitSpans) { // off by default: a final field read on the hit
            @SuppressWarnings("unchecked")
            K k = (K) key;
            counters.memoryHit(() -> logicalKeys.apply(k));
        }
    }

    /** @return the live memory-tier entry, not counted (for existence and TTL questions), or {@code null} */
    final MemoryEntry peek(K key) {
        MemoryEntry v = l1.getIfPresent(key);
        if (v == null || !fresh(v)) {
            return null;
        }
        if (health != null && !health.servesMemoryTier()) {
            health.bypassed();
            return null;
        }
        return v;
    }

    /** @return the logical key text of a memory-tier key */
    final String logicalKey(K key) {
        return logicalKeys.apply(key);
    }

    // ---- single-flight ----

    /** @return a new load of {@code key} for the calling thread, at the current epoch and the key's version */
    final Flight flight(K key) {
        return new Flight(this, key, epoch.get(), version(key));
    }

    /**
     * Claims the load of a key for the calling thread.
     *
     * @param mine a flight from {@link #flight}
     * @return {@code null} when the caller claimed it (it must load and {@link #finish} it), else the flight of the
     *     caller already loading the key (to {@link #join})
     */
    @SuppressWarnings("unchecked")
    final Flight claim(Flight mine) {
        return flights.putIfAbsent((K) mine.key, mine);
    }

    /**
     * Waits for another caller's load of the same key.
     *
     * @return its outcome, or {@code null} when this caller must load uncached: the load is this thread's own (a
     *     loader asking for its own key; waiting would deadlock), it took longer than
     *     {@code cacheweave.single-flight.max-wait}, or its cache failed
     */
    final MemoryEntry join(Flight other) {
        if (other.owner == Thread.currentThread() && !other.isFinished()) {
            return null;
        }
        counters.singleFlightWait();
        return other.await(maxWaitNanos);
    }

    /** Ends a flight: the callers waiting for it get {@code outcome} ({@code null}: they load themselves). */
    final void finish(Flight f, MemoryEntry outcome) {
        f.finish(outcome);
        flights.remove(f.key, f);
    }

    // ---- storing ----

    /** @return the version of the key's stripe, read before a read or load of it */
    final long version(K key) {
        return versions.get(stripe(key));
    }

    /** Marks a key as written or removed; called before the memory tier changes. */
    final void touch(K key) {
        versions.incrementAndGet(stripe(key));
    }

    private static int stripe(Object key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (VERSION_STRIPES - 1);
    }

    /**
     * @return the deadline of an entry with {@code nanos} to live, at most {@link #memoryTtlNanos} away;
     *     {@link MemoryEntry#NO_DEADLINE} for "for ever"
     */
    final long deadlineIn(long nanos) {
        long n = Math.min(nanos, memoryTtlNanos);
        return n >= Long.MAX_VALUE / 2 ? MemoryEntry.NO_DEADLINE : clock.nanos() + n;
    }

    /**
     * Puts what a read or load found into the memory tier, unless the key was put, removed or invalidated since
     * {@code epoch} and {@code version} were read. The version is checked under the entry's lock, and puts and
     * deletes bump it before they change the entry, so a newer value is never overwritten; a removal of many that
     * began meanwhile may have passed the entry by, so it is removed again then.
     *
     * @return whether the entry stays
     */
    final boolean keep(K key, MemoryEntry entry, long epoch, long version) {
        stamp(key, entry);
        noteTags(entry);
        boolean[] kept = new boolean[1];
        l1.asMap().compute(key, (k, old) -> {
            kept[0] = epoch == this.epoch.get() && version == version(k);
            if (kept[0] && old != null && sweepEveryNanos > 0 && !live(old, clock.nanos())) {
                counters.expired(); // no Caffeine expiry here: this store is what removes the expired entry
            }
            return kept[0] ? entry : old;
        });
        if (kept[0] && epoch != this.epoch.get()) {
            l1.asMap().remove(key, entry);
            return false;
        }
        sweepIfDue();
        return kept[0];
    }

    /**
     * Sweeps the memory tier for expired entries when the last sweep is {@link #sweepEveryNanos} old: on the storing
     * thread (a tier of the default 10,000 entries takes well under a millisecond), or on the common pool for a tier
     * of more than {@value #SWEEP_INLINE_ENTRIES} entries, so no caller waits for a long walk.
     */
    private void sweepIfDue() {
        if (sweepEveryNanos <= 0) {
            return;
        }
        long now = clock.nanos();
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + sweepEveryNanos)) {
            if (l1.estimatedSize() <= SWEEP_INLINE_ENTRIES) {
                removeExpired();
            } else {
                ForkJoinPool.commonPool().execute(this::removeExpired);
            }
        }
    }

    /**
     * Removes the entries past their deadline from the memory tier, each counted as expired (for tiers without
     * Caffeine's expiry; the others' expired entries go, and are counted, as Caffeine removes them).
     *
     * @return how many went
     */
    final long removeExpired() {
        if (l1 == null || sweepEveryNanos <= 0) {
            return 0;
        }
        long now = clock.nanos();
        return removeEntries((k, v) -> !live(v, now), v -> {
            counters.expired();
            return true;
        });
    }

    /** Puts an entry the caller wrote (a put), after {@link #touch}ing its key. */
    final void put(K key, MemoryEntry entry) {
        stamp(key, entry);
        noteTags(entry);
        l1.put(key, entry);
    }

    /** Numbers a new entry, and gives it its key when that is a tuple of two (see {@link MethodState#candidate}). */
    private void stamp(K key, MemoryEntry entry) {
        entry.id = nextId();
        if (key instanceof Keys.Tuple) {
            entry.tupleKey = key;
        }
    }

    private void noteTags(MemoryEntry entry) {
        if (entry.tags != null && !tagged) {
            tagged = true;
        }
    }

    /** @return the number of a new memory-tier entry, never 0 */
    private int nextId() {
        int id = ids.incrementAndGet();
        return id != 0 ? id : ids.incrementAndGet();
    }

    // ---- the shared tier ----

    /**
     * Reads the shared tier.
     *
     * @param type the value type to decode
     * @param absent what a stored absent result reads as, or {@link SharedTierAccess#NO_ABSENT_RESULTS}
     * @param ttl the time to live of the entries (for an entry without expiry, and for its age)
     * @param countMiss {@code false} for the polls of a caller waiting under a lease
     * @return the stored value as a memory-tier entry with its remaining time to live and its age (for
     *     refresh-ahead), or {@code null} when absent, unusable or (when {@code rawType} is given) not an instance of it
     */
    final MemoryEntry readShared(String logicalKey, Type type, Class<?> rawType, Object absent, Duration ttl,
            boolean countMiss) {
        SharedTierAccess.Found f = shared.find(name, logicalKey, type, absent, counters, countMiss);
        return f == null ? null : promoted(f, rawType, ttl);
    }

    /**
     * @return a value found in the shared tier as a memory-tier entry with its remaining time to live and its age
     *     (for refresh-ahead), or {@code null} when {@code rawType} is given and the value is not an instance of it
     */
    final MemoryEntry promoted(SharedTierAccess.Found f, Class<?> rawType, Duration ttl) {
        if (rawType != null && !rawType.isInstance(f.value())) {
            return null;
        }
        long ttlNanos = ttl.toNanos();
        long left = f.remainingMillis() < 0 ? ttlNanos : f.remainingMillis() * 1_000_000L;
        long now = clock.nanos();
        return MemoryEntry.tagged(f.value(), deadlineIn(left), now - Math.max(0, ttlNanos - left), f.tags());
    }

    /**
     * The generations a load's shared-tier write uses, read as the load began (after its shared-tier read missed),
     * so that a load that began before an invalidation (of its operation or cache, or of a tag) never writes a live
     * entry of the new generation, even on a node that has not heard of the invalidation by the time it writes.
     *
     * @param key the physical key with the generation the read found, or {@code null} (the write reads it)
     * @param tags the entry's tags, or {@code null}
     * @param tagGenerations their generations, or {@code null} when they could not be read (then not written)
     */
    record Pin(String key, String[] tags, long[] tagGenerations) {
    }

    /**
     * @return the {@link Pin} of a load of {@code logicalKey} whose shared-tier read began at {@code sinceNanos}:
     *     the operation's generation as known since then or trusted (never read again here, so counts stay exact),
     *     the tags' read when unknown; {@code null} without a shared tier
     */
    final Pin pin(String logicalKey, String[] tags, long sinceNanos) {
        if (shared == null) {
            return null;
        }
        return new Pin(shared.knownPhysicalKey(logicalKey, sinceNanos), tags,
                tags == null ? null : shared.tagGenerations(tags));
    }

    /** @return encoded bytes with the tags in front: the pinned generations, or read now without a pin */
    final byte[] withTags(Pin pin, String[] tags, byte[] bytes) {
        return pin != null ? shared.withTags(tags, pin.tagGenerations(), bytes) : shared.withTags(tags, bytes);
    }

    /**
     * Writes a load's stored value to the shared tier (best effort, never throws), under the physical key its
     * {@link Pin} holds, if any (else the logical key's now; see {@link SharedTierAccess#write}), and deletes it
     * again when a removal or a put of the key happened while it was written: no value beats a stale one.
     *
     * @return whether it was written and stays
     */
    final boolean writeShared(K key, String logicalKey, Pin pin, byte[] bytes, Duration ttl, long epoch,
            long version) {
        String pinned = pin == null ? null : pin.key();
        if (shared.write(name, logicalKey, pinned, bytes, ttl, counters)) {
            if (epoch != this.epoch.get() || version != version(key)) {
                shared.delete(name, logicalKey, pinned);
                return false;
            }
            return true;
        }
        return false;
    }

    // ---- removal ----

    /** Empties this node's memory tier; a read or load under way does not store. @return how many live entries went */
    final long clearLocally() {
        return removeWhere(key -> true);
    }

    /** Removes the entries whose logical key matches. @return how many live entries went */
    final long removeMatching(Predicate<String> logicalKeyMatches) {
        return removeWhere(key -> logicalKeyMatches.test(logicalKey(key)));
    }

    /** Bumps the epoch (so no read or load under way stores), then removes the entries whose key matches. */
    private long removeWhere(Predicate<K> matches) {
        epoch.incrementAndGet();
        if (l1 == null) {
            return 0;
        }
        return removeEntries((k, v) -> matches.test(k), live(clock.nanos()));
    }

    /**
     * Removes each entry {@code which} selects (if it is still the key's entry).
     *
     * @param counts which of the removed entries count (called once per removed entry)
     * @return how many removed entries counted
     */
    private long removeEntries(BiPredicate<K, MemoryEntry> which, Predicate<MemoryEntry> counts) {
        long removed = 0;
        for (Map.Entry<K, MemoryEntry> e : l1.asMap().entrySet()) {
            if (which.test(e.getKey(), e.getValue()) && l1.asMap().remove(e.getKey(), e.getValue())
                    && counts.test(e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /** Bumps the epoch without removing anything: a read or load under way does not store what it found. */
    final void fence() {
        epoch.incrementAndGet();
    }

    /**
     * Removes the entries carrying {@code tag}; bumps the epoch first, whether any is held or not, so a read or load
     * under way (which may have checked the tag's old generation) does not store what it found.
     *
     * @return how many live entries went
     */
    final long removeTagged(String tag) {
        epoch.incrementAndGet();
        if (l1 == null || !tagged) {
            return 0;
        }
        return removeEntries((k, v) -> StoredTags.contains(v.tags, tag), live(clock.nanos()));
    }

    /** Removes one key's entry (a read or load of it under way does not store). @return the entry removed, live or not */
    final MemoryEntry remove(K key) {
        touch(key);
        return l1 == null ? null : l1.asMap().remove(key);
    }

    // ---- the monitor ----

    /**
     * Hands the hits noted since the last call to the top-key sketch, as logical key text, each weighted by the hits
     * it stands for (the hits since the last call over the samples found, so samples overwritten in between do not
     * bias the counts). The sketch gets text, never the key object: a key there would keep its class loader alive.
     */
    final void reportSampledHits() {
        if (counters.detail() == null || l1 == null) {
            return;
        }
        synchronized (samples) {
            long hitsNow = hits.sum();
            long delta = hitsNow - reportedHits;
            reportedHits = hitsNow;
            Map<Integer, Integer> found = new HashMap<>();
            for (int i = 0; i < SAMPLES; i++) {
                if (samples[i] != 0) {
                    found.merge(samples[i], 1, Integer::sum);
                    samples[i] = 0;
                }
            }
            if (found.isEmpty()) {
                return;
            }
            int sampled = found.values().stream().mapToInt(Integer::intValue).sum();
            long weight = Math.max(1, delta / sampled);
            for (Map.Entry<K, MemoryEntry> e : l1.asMap().entrySet()) { // entries gone since are not counted
                Integer n = found.remove(e.getValue().id);
                if (n != null) {
                    counters.accessed(logicalKey(e.getKey()), weight * n);
                    if (found.isEmpty()) {
                        break;
                    }
                }
            }
        }
    }

    /** @return the memory tier's entries and estimated bytes against its bound */
    final MonitorSnapshot.MemoryFill memoryFill() {
        return l1 == null ? MonitorSnapshot.MemoryFill.NONE : MemoryEstimator.fill(l1, maxEntries, live(clock.nanos()));
    }

    /** @return the number of entries in the memory tier (approximate) */
    final long size() {
        return l1 == null ? 0 : l1.estimatedSize();
    }
}
