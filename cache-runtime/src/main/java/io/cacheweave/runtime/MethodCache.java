package io.cacheweave.runtime;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.KeyFunction;
import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.woven.CachedMethod;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import io.cacheweave.runtime.woven.CachedValue;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The engine's side of one {@code @Cached} method: the woven protocol ({@link CachedMethod}, whose javadoc states
 * it) over the runtime's one engine, a {@link CacheCore} (here a {@link MethodState}, keyed by the key object and
 * replaced as a whole when the method is bound to another runtime), which programmatic caches use too.
 */
final class MethodCache extends CachedMethod implements MonitoredCache {

    private static final org.slf4j.Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(MethodCache.class);

    /** Set on a background reload's thread, so the reloaded call runs its body instead of hitting the old entry. */
    private static final ThreadLocal<MethodCache> RELOADING = new ThreadLocal<>();

    /** The engine while bound to a runtime; a disabled one (no memory tier) before and when the runtime is off. */
    private volatile MethodState state;

    /** For a Kotlin suspend function, how to talk to Kotlin (whatever the runtime's state); else {@code null}. */
    private final io.cacheweave.runtime.coroutines.SuspendResults suspend;

    MethodCache(CachedMethodSpec spec, KeyFunction keys) {
        super(spec, keys);
        this.suspend = io.cacheweave.runtime.coroutines.SuspendResults.forDescriptor(spec.descriptor());
        this.state = MethodState.disabled(this, Settings.create());
    }

    @Override
    public Object enter(Object key) {
        MethodState s = state;
        if (s.l1 == null) {
            return null;
        }
        MemoryEntry v = s.lookup(key);
        return v != null ? v : miss(s, key);
    }

    @Override
    public CachedValue candidate(int hash) {
        MethodState s = state;
        return s.l1 == null ? null : s.candidate(hash);
    }

    @Override
    public Object hit(CachedValue checked) {
        return state.served((MemoryEntry) checked);
    }

    /** Hands the hits sampled since the last call to the top-key sketch; called by the monitor. */
    @Override
    public void reportSampledHits() {
        state.reportSampledHits();
    }

    @Override
    public Object enterRefreshing(Object key, Object self, Object[] args) {
        if (RELOADING.get() == this) {
            RELOADING.remove(); // this is the reload itself: run the body and store its result
            MethodState s = state;
            return s.l1 == null ? null : s.flight(key);
        }
        Object found = enter(key);
        if (found instanceof MemoryEntry v && !v.isInFlight() && v.failure() == null) {
            MethodState s = state;
            if (s.due(v)) {
                s.reload(this, key, self, args, RELOADING);
            }
        }
        return found;
    }

    private Object miss(MethodState s, Object key) {
        String rendered = null;
        if (s.counters.detail() != null) {
            // Every miss: they cost a load or a shared read anyway. The sketch gets text, never the key object: it
            // outlives this method's class, and a key (or this cache) there would keep its class loader alive.
            rendered = s.shared != null ? renderKey(s, key) : s.logicalKey(key);
            s.counters.accessed(rendered, 1);
        }
        Flight mine = s.flight(key);
        Flight other = s.claim(mine);
        if (other == null) {
            try {
                return claimed(s, key, mine, rendered);
            } catch (Throwable t) {
                // Whatever failed (a decode that ran out of memory, a lease, the tier), the flight is finished
                // here, so no other caller of the key waits for a load that will never come: they load themselves.
                s.finish(mine, null);
                mine.releaseLease();
                LOG.warn("cacheweave: the cache of {} failed before a load; the method runs uncached",
                        spec.methodId(), t);
                return null;
            }
        }
        s.counters.miss();
        return s.join(other);
    }

    /** The miss of the caller that claimed the key's flight: a shared-tier hit, or the flight as its load token. */
    private Object claimed(MethodState s, Object key, Flight mine, String rendered) {
        // A load may have finished between the lookup and the claim: look once more before running the body.
        MemoryEntry v = s.peek(key);
        if (v != null) {
            s.finish(mine, v);
            s.counters.hit();
            return v;
        }
        if (s.shared != null) {
            String logicalKey = rendered != null ? rendered : renderKey(s, key);
            mine.logicalKey = logicalKey;
            MemoryEntry found = readShared(s, logicalKey, true);
            if (found == null && spec.lease() && s.leases != null) {
                Object lease = s.leases.acquire(logicalKey, () -> readShared(s, logicalKey, false),
                        s.counters::leaseWait);
                if (lease instanceof MemoryEntry storedByOtherNode) {
                    found = storedByOtherNode;
                } else {
                    mine.lease = (DistributedLeases.Held) lease;
                }
            }
            if (found != null) {
                s.keep(key, found, mine.epoch, mine.version);
                s.finish(mine, found);
                return found;
            }
            mine.pin = s.pin(logicalKey, keys.tags(key, s.hashThreshold), mine.startNanos);
        }
        s.counters.miss();
        return mine;
    }

    /** @param countMiss {@code false} for the polls of a caller waiting under a lease */
    private static MemoryEntry readShared(MethodState s, String logicalKey, boolean countMiss) {
        return s.readShared(logicalKey, s.returnType.valueType(), null, s.absent, s.ttl, countMiss);
    }

    @Override
    public void exit(Object token, Object value, Throwable thrown) {
        if (!(token instanceof Flight f)) {
            return;
        }
        MethodState s = (MethodState) f.core;
        Duration ttl = s.ttl;
        MemoryEntry outcome = null;
        boolean stored = false;
        try {
            ttl = s.entryTtl();
            outcome = thrown == null ? s.storedValue(value, ttl) : MemoryEntry.failed(thrown);
            stored = storeInMemory(f, outcome, System.nanoTime() - f.startNanos);
        } finally {
            // On every path, a failure of this method too: the waiting callers get the outcome, or load themselves
            // when it could not be made (null).
            s.finish(f, outcome);
        }
        try {
            if (stored) {
                storeShared(f, value, ttl);
            }
        } finally {
            f.releaseLease(); // after the value is in the shared tier, where waiting nodes look for it
        }
    }

    @Override
    public Object exitAsync(Object token, Object returned, Throwable thrown) {
        return FutureLoads.exit(this, token, returned, thrown);
    }

    @Override
    public Object resumed(Object completion) {
        return suspend == null ? null : suspend.resumed(this, completion);
    }

    @Override
    public Object suspendLoad(Object token, Object completion) {
        return SuspendLoads.load(this, suspend, token, completion);
    }

    @Override
    public Object exitSuspend(Object token, Object returned, Throwable thrown) {
        return SuspendLoads.exit(token, returned, thrown);
    }

    @Override
    public Object joinSuspended(CachedValue found, Object completion) throws Throwable {
        return SuspendLoads.join(suspend, found, completion);
    }

    @Override
    public Object future(CachedValue found) {
        return FutureLoads.handOut(state, found);
    }

    /** Counts the load and puts its result into the memory tier; @return whether the shared tier should get it */
    boolean storeInMemory(Flight f, MemoryEntry outcome, long loadNanos) {
        MethodState s = (MethodState) f.core;
        if (outcome.failure() != null) {
            s.counters.loadFailed(loadNanos, outcome.failure());
            return false;
        }
        s.counters.loaded(loadNanos);
        if ((isAbsent(outcome.value()) && !spec.cacheNull()) || s.l1 == null) {
            return false;
        }
        outcome.tags = tags(s, f);
        return s.keep(f.key, outcome, f.epoch, f.version);
    }

    void storeShared(Flight f, Object value, Duration ttl) {
        MethodState s = (MethodState) f.core;
        if (s.shared == null) {
            return;
        }
        String logicalKey = f.logicalKey != null ? f.logicalKey : renderKey(s, f.key);
        byte[] bytes = s.shared.encodeResult(spec.operation(), logicalKey, value, s.returnType.valueType(),
                s.counters);
        if (bytes != null) {
            bytes = s.withTags(f.pin, tags(s, f), bytes); // null: tags unknown
        }
        if (bytes != null) {
            s.writeShared(f.key, logicalKey, f.pin, bytes, ttl, f.epoch, f.version);
        }
    }

    /** @return the tags of a load's entry: those its pin rendered when the load began, else rendered now */
    private String[] tags(MethodState s, Flight f) {
        return f.pin != null ? f.pin.tags() : keys.tags(f.key, s.hashThreshold);
    }

    /** @return whether a result counts as absent: {@code null} or an empty {@code Optional} */
    static boolean isAbsent(Object value) {
        return value == null || (value instanceof Optional<?> o && o.isEmpty());
    }

    @Override
    public String operation() {
        return spec.operation();
    }

    /** @return the time to live in force: configured per operation, else the annotation's, else the default */
    @Override
    public Duration ttl() {
        return state.ttl;
    }

    @Override
    public String logicalKey(Object key) {
        return state.logicalKey(key);
    }

    KeyWriter written(int hashThreshold, Object key) {
        KeyWriter out = KeyWriter.forKey(hashThreshold).literal(spec.operation()).literal(":");
        keys.render(key, out);
        return out;
    }

    /** @return the logical key, timed and measured for the monitor (on the way to the shared tier) */
    private String renderKey(MethodState s, Object key) {
        long start = System.nanoTime();
        KeyWriter out = written(s.hashThreshold, key);
        String text = out.toString();
        s.counters.keyRendered(System.nanoTime() - start, out.sourceLength(), out.hashedParts() > 0);
        return text;
    }

    @Override
    public OperationStats operationStats() {
        return state.counters.snapshot();
    }

    /** @return whether the memory tier holds an entry for {@code key}, fresh or not; for tests */
    boolean inMemory(Object key) {
        MethodState s = state;
        return s.l1 != null && s.l1.getIfPresent(key) != null;
    }

    @Override
    public long cleanUpExpired() {
        MethodState s = state;
        if (s.l1 == null) {
            return 0;
        }
        return s.removeExpired();
    }

    @Override
    public io.cacheweave.runtime.stats.MonitorSnapshot.MemoryFill memoryFill() {
        return state.memoryFill();
    }

    @Override
    public long size() {
        return state.size();
    }

    /** Removes every entry; a load in progress will not store its result. @return how many live entries went */
    long invalidateAll() {
        return state.clearLocally();
    }

    /**
     * Removes the entries whose logical key matches; a load in progress will not store its result.
     *
     * @return how many live entries were removed
     */
    long invalidateMatching(Predicate<String> logicalKeyMatches) {
        return state.removeMatching(logicalKeyMatches);
    }

    /** A load or read in progress will not store its result; nothing is removed (see {@link CacheCore#fence}). */
    void fence() {
        state.fence();
    }

    /**
     * Removes the entries carrying {@code tag}; a load in progress will not store its result.
     *
     * @return how many live entries were removed
     */
    long invalidateTagged(String tag) {
        return state.removeTagged(tag);
    }

    /** Binds this method to {@code runtime}: fresh memory tier, the runtime's clock, counters and settings. */
    void bind(CacheRuntime runtime, boolean enabled) {
        MethodState old = state;
        state = enabled ? MethodState.create(runtime, this, keys.getClass().getClassLoader())
                : MethodState.disabled(this, runtime.settings());
        old.clearLocally(); // a load under way in the old binding stores nothing
    }

    @Override
    public String toString() {
        return "MethodCache{" + spec.operation() + " " + spec.methodId() + "}";
    }
}
