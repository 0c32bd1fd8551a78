package io.cacheweave.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.KeyFunction;
import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.stats.HitCounter;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.OperationStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The cache of one {@code @Cached} method: what the woven advice calls. The generated key builder holds one in a
 * {@code public static final} field, and the advice reads that field, so a hit costs a key computation, one
 * memory-tier lookup and a counter increment, with no reflection and no argument array.
 *
 * <p>Protocol, as woven:
 * <pre>{@code
 * Object token = cache.enter(cache.keys.key(a0));        // on method entry
 * if (token instanceof CachedValue) skip the body;
 * ...
 * if (token instanceof CachedValue v) { return v.value(), or throw v.failure() }   // on method exit
 * else if (token != null) cache.exit(token, returned, thrown);
 * }</pre>
 * Neither method throws. {@code null} from {@link #enter} means "run the body, store nothing".
 */
public final class MethodCache implements MonitoredCache {

    /** What the compiler knows about the method. */
    public final CachedMethodSpec spec;
    /** The generated key function of the method. */
    public final KeyFunction keys;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MethodCache.class);

    /** Set on a background reload's thread, so the reloaded call runs its body instead of hitting the old entry. */
    private static final ThreadLocal<MethodCache> RELOADING = new ThreadLocal<>();

    private final AtomicLong epoch = new AtomicLong();
    private volatile State state = State.DISABLED;

    MethodCache(CachedMethodSpec spec, KeyFunction keys) {
        this.spec = spec;
        this.keys = keys;
    }

    /**
     * Looks {@code key} up. Returns a {@link CachedValue} for a hit (or for the outcome of another caller's load of
     * the same key, waited for), a load token when this caller must run the body and pass the token to
     * {@link #exit}, or {@code null} when the body must run uncached.
     *
     * @param key the key from {@link #keys}
     * @return a hit, a load token, or {@code null}
     */
    public Object enter(Object key) {
        State s = state;
        Cache<Object, CachedValue> l1 = s.l1;
        if (l1 == null) {
            return null;
        }
        CachedValue v = l1.getIfPresent(key);
        if (v != null && (v.deadline() == CachedValue.NO_DEADLINE || s.clock.nanos() - v.deadline() < 0)) {
            if (s.hits.incrementSampled()) {
                // One hit in HitCounter.SAMPLE_INTERVAL is noted for the most-accessed keys: a plain int store of the
                // entry's number. A call here, a reference store (its GC barrier) or the call's own key argument
                // reaching either measurably slowed the hit path (an escaping key tuple is allocated, too).
                s.samples[s.sampleCursor++ & (State.SAMPLES - 1)] = v.id;
            }
            return v;
        }
        return miss(s, key);
    }

    /**
     * Hands the hits noted since the last call to the top-key sketch, each weighted by the hits it stands for (the
     * hits since the last call over the samples found, so samples overwritten in between do not bias the counts).
     * Called by the monitor once per interval and per snapshot.
     */
    @Override
    public void reportSampledHits() {
        State s = state;
        if (s.counters.detail() == null) {
            return;
        }
        synchronized (s.samples) {
            long hits = s.hits.sum();
            long delta = hits - s.reportedHits;
            s.reportedHits = hits;
            Map<Integer, Integer> ids = new java.util.HashMap<>();
            for (int i = 0; i < State.SAMPLES; i++) {
                if (s.samples[i] != 0) {
                    ids.merge(s.samples[i], 1, Integer::sum);
                    s.samples[i] = 0;
                }
            }
            if (ids.isEmpty() || s.l1 == null) {
                return;
            }
            int found = ids.values().stream().mapToInt(Integer::intValue).sum();
            long weight = Math.max(1, delta / found);
            for (Map.Entry<Object, CachedValue> e : s.l1.asMap().entrySet()) { // entries gone since are not counted
                Integer n = ids.remove(e.getValue().id);
                if (n != null) {
                    s.counters.accessed(new SampledKey(this, e.getKey()), weight * n);
                    if (ids.isEmpty()) {
                        break;
                    }
                }
            }
        }
    }

    /** A key of this method in the top-key sketch: rendered to its logical key only when the monitor reports it. */
    record SampledKey(MethodCache cache, Object key) {
        @Override
        public String toString() {
            return cache.logicalKey(key);
        }
    }

    /**
     * {@link #enter} for methods with refresh-ahead ({@code @Cached(refreshAfter = ...)}): a hit on an entry older
     * than {@code refreshAfter} also starts one background reload of the key (the method run again with the same
     * receiver and arguments); the caller gets the stored value at once.
     *
     * @param key the key from {@link #keys}
     * @param self the receiver, {@code null} for a static method
     * @param args the call's arguments
     * @return as {@link #enter}
     */
    public Object enterRefreshing(Object key, Object self, Object[] args) {
        if (RELOADING.get() == this) {
            RELOADING.remove(); // this is the reload itself: run the body and store its result
            State s = state;
            return s.l1 == null ? null : new Flight(s, key, epoch.get());
        }
        Object found = enter(key);
        if (found instanceof CachedValue v && !v.isInFlight() && v.failure() == null) {
            State s = state;
            if (s.refreshAfterNanos > 0 && s.clock.nanos() - v.writtenAt() > s.refreshAfterNanos) {
                reloadInBackground(s, key, self, args);
            }
        }
        return found;
    }

    private void reloadInBackground(State s, Object key, Object self, Object[] args) {
        java.lang.reflect.Method method = s.returnType.method();
        if (method == null || s.reloader == null || s.reloading.putIfAbsent(key, Boolean.TRUE) != null) {
            return; // cannot call it, or a reload of this key is already running
        }
        try {
            s.reloader.execute(() -> {
                try {
                    RELOADING.set(this);
                    method.invoke(self, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    LOG.debug("cacheweave: background reload of {} failed; the old value stays until its TTL",
                            spec.methodId(), e.getCause());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.debug("cacheweave: background reload of {} could not run", spec.methodId(), e);
                } finally {
                    RELOADING.remove();
                    s.reloading.remove(key);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) { // runtime closed
            s.reloading.remove(key);
        }
    }

    private Object miss(State s, Object key) {
        if (s.counters.detail() != null) {
            s.counters.accessed(new SampledKey(this, key), 1); // every miss: they cost a load or a shared read anyway
        }
        Flight mine = new Flight(s, key, epoch.get());
        Flight other = s.flights.putIfAbsent(key, mine);
        if (other == null) {
            // A load may have finished between the lookup and the claim: look once more before running the body.
            CachedValue v = s.l1.getIfPresent(key);
            if (v != null && (v.deadline() == CachedValue.NO_DEADLINE || s.clock.nanos() - v.deadline() < 0)) {
                s.flights.remove(key, mine);
                mine.finish(v);
                s.counters.hit();
                return v;
            }
            if (s.shared != null) {
                String logicalKey = renderKey(s, key);
                mine.logicalKey = logicalKey;
                CachedValue found = s.shared.read(spec.operation(), logicalKey, s.returnType, s.counters,
                        s.clock, s.ttl, s.l1Ttl);
                if (found == null && spec.lease() && s.leases != null) {
                    Object lease = s.leases.acquire(logicalKey, () -> s.shared.read(spec.operation(), logicalKey,
                            s.returnType, s.counters, s.clock, s.ttl, s.l1Ttl, false), s.counters::leaseWait);
                    if (lease instanceof CachedValue storedByOtherNode) {
                        found = storedByOtherNode;
                    } else {
                        mine.lease = (DistributedLeases.Held) lease;
                    }
                }
                if (found != null) {
                    if (mine.epoch == epoch.get()) {
                        found.id = s.nextId();
                        s.l1.put(key, found);
                    }
                    s.flights.remove(key, mine);
                    mine.finish(found);
                    return found;
                }
            }
            s.counters.miss();
            return mine;
        }
        s.counters.miss();
        if (other.owner == Thread.currentThread() && !other.isFinished()) {
            return null; // the loading call calls itself with the same key: waiting would deadlock
        }
        s.counters.singleFlightWait();
        return other.await(s.maxWaitNanos);
    }

    /**
     * Finishes a load that {@link #enter} handed to this caller: stores a normal result and hands the outcome to
     * every caller waiting for the same key. Nothing is stored when the body threw, when the result is absent
     * ({@code null} or an empty {@code Optional}) and the method does not cache absent results, or when the
     * method's entries were invalidated while it ran.
     *
     * @param token the token returned by {@link #enter}
     * @param value the method's result
     * @param thrown what the method threw, or {@code null}
     */
    public void exit(Object token, Object value, Throwable thrown) {
        if (!(token instanceof Flight f)) {
            return;
        }
        State s = f.state;
        Duration ttl = entryTtl(s);
        CachedValue outcome = thrown == null ? storedValue(s, value, ttl) : CachedValue.failed(thrown);
        boolean stored = false;
        try {
            stored = storeInMemory(f, outcome, System.nanoTime() - f.startNanos);
        } finally {
            f.finish(outcome);
            s.flights.remove(f.key, f);
        }
        try {
            if (stored) {
                storeShared(f, value, ttl);
            }
        } finally {
            f.releaseLease(); // after the value is in the shared tier, where waiting nodes look for it
        }
    }

    /**
     * Finishes a load of a method that returns a {@code CompletableFuture} or {@code CompletionStage}: callers of
     * the same key share the returned future at once, and its value is stored when it completes normally. A future
     * that fails or is cancelled is never stored.
     *
     * @param token the token returned by {@link #enter}
     * @param returned the future the method returned
     * @param thrown what the method threw, or {@code null}
     */
    public void exitAsync(Object token, Object returned, Throwable thrown) {
        if (!(token instanceof Flight f)) {
            return;
        }
        if (thrown != null || !(returned instanceof CompletionStage<?> stage)) {
            exit(token, returned, thrown); // threw before returning a future, or returned null: nothing to share
            return;
        }
        State s = f.state;
        CompletableFuture<?> future;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) { // a CompletionStage that cannot be viewed as a future
            f.finish(CachedValue.inFlight(null));
            s.flights.remove(f.key, f);
            f.releaseLease();
            return;
        }
        f.finish(CachedValue.inFlight(future)); // later callers of the key join it until it completes
        future.whenComplete((value, failure) -> {
            boolean stored = false;
            Duration ttl = entryTtl(s);
            try {
                CachedValue outcome = failure == null ? storedValue(s, value, ttl) : CachedValue.failed(failure);
                stored = storeInMemory(f, outcome, System.nanoTime() - f.startNanos);
            } finally {
                s.flights.remove(f.key, f);
            }
            try {
                if (stored) {
                    storeShared(f, value, ttl);
                }
            } finally {
                f.releaseLease();
            }
        });
    }

    /**
     * What the woven method of a future-returning method hands back for a {@link CachedValue} from {@link #enter}:
     * an already completed future for a stored value, or a copy of the in-flight future of another caller's load
     * (a copy, so that cancelling it does not cancel the load the others wait for).
     *
     * @param found a value returned by {@link #enter}
     * @return the future to return
     */
    public Object future(CachedValue found) {
        if (found.isInFlight()) {
            return found.value() == null ? null : ((CompletableFuture<?>) found.value()).copy();
        }
        return CompletableFuture.completedFuture(found.value());
    }

    /** Counts the load and puts its result into the memory tier; @return whether the shared tier should get it */
    private boolean storeInMemory(Flight f, CachedValue outcome, long loadNanos) {
        State s = f.state;
        if (outcome.failure() != null) {
            s.counters.loadFailed(loadNanos, outcome.failure());
            return false;
        }
        s.counters.loaded(loadNanos);
        if ((isAbsent(outcome.value()) && !spec.cacheNull()) || f.epoch != epoch.get() || s.l1 == null) {
            return false;
        }
        outcome.id = s.nextId();
        s.l1.put(f.key, outcome);
        if (f.epoch != epoch.get()) {
            // An invalidation began between the check and the put and may have missed this entry.
            // It bumps the epoch before it removes, so either it sees the entry or we see the bump.
            s.l1.asMap().remove(f.key, outcome);
            return false;
        }
        return true;
    }

    /** @return the time to live of one new entry: the method's, shortened at random by up to its jitter */
    private Duration entryTtl(State s) {
        int jitter = spec.jitter();
        if (jitter <= 0) {
            return s.ttl;
        }
        double cut = ThreadLocalRandom.current().nextDouble() * Math.min(jitter, 100) / 100.0;
        return Duration.ofNanos(Math.max(1_000_000L, (long) (s.ttl.toNanos() * (1.0 - cut))));
    }

    /** @return a stored value of a normal result; carries its load time when the method refreshes ahead */
    private static CachedValue storedValue(State s, Object value, Duration ttl) {
        return s.refreshAfterNanos > 0 ? new CachedValue(value, deadline(s, ttl), s.clock.nanos())
                : new CachedValue(value, deadline(s, ttl));
    }

    /** @return the entry's own deadline when it must expire before the memory tier's fixed expiry would drop it */
    private static long deadline(State s, Duration ttl) {
        return ttl.compareTo(s.l1Ttl) < 0 ? s.clock.nanos() + ttl.toNanos() : CachedValue.NO_DEADLINE;
    }

    private void storeShared(Flight f, Object value, Duration ttl) {
        State s = f.state;
        if (s.shared == null) {
            return;
        }
        String logicalKey = f.logicalKey != null ? f.logicalKey : renderKey(s, f.key);
        if (s.shared.write(spec.operation(), logicalKey, value, s.returnType, ttl, s.counters)
                && f.epoch != epoch.get()) {
            // An invalidation ran while we wrote: it may have scanned before our key existed.
            s.shared.delete(List.of(s.shared.physicalKey(logicalKey)));
        }
    }

    /** @return whether a result counts as absent: {@code null} or an empty {@code Optional} */
    static boolean isAbsent(Object value) {
        return value == null || (value instanceof Optional<?> o && o.isEmpty());
    }

    /** @return the operation name */
    @Override
    public String operation() {
        return spec.operation();
    }

    /** @return the time to live in force: configured per operation, else the annotation's, else the default */
    @Override
    public Duration ttl() {
        return state.ttl;
    }

    /**
     * @param key a key from {@link #keys}
     * @return the logical key text, {@code operation:part...}
     */
    public String logicalKey(Object key) {
        return written(state.hashThreshold, key).toString();
    }

    private KeyWriter written(int hashThreshold, Object key) {
        KeyWriter out = KeyWriter.forKey(hashThreshold).literal(spec.operation()).literal(":");
        keys.render(key, out);
        return out;
    }

    /** @return the logical key, timed and measured for the monitor (on the way to the shared tier) */
    private String renderKey(State s, Object key) {
        long start = System.nanoTime();
        KeyWriter out = written(s.hashThreshold, key);
        String text = out.toString();
        s.counters.keyRendered(System.nanoTime() - start, out.sourceLength(), out.hashedParts() > 0);
        return text;
    }

    /** @return the counters of this method's operation now */
    public OperationStats operationStats() {
        return state.counters.snapshot();
    }

    /** @return whether the memory tier holds an entry for {@code key}, fresh or not; for tests */
    boolean inMemory(Object key) {
        Cache<Object, CachedValue> l1 = state.l1;
        return l1 != null && l1.getIfPresent(key) != null;
    }

    @Override
    public io.cacheweave.runtime.stats.MonitorSnapshot.MemoryFill memoryFill() {
        Cache<Object, CachedValue> l1 = state.l1;
        return l1 == null ? io.cacheweave.runtime.stats.MonitorSnapshot.MemoryFill.NONE
                : io.cacheweave.runtime.stats.MemoryEstimator.fill(l1);
    }

    /** @return the number of entries in the memory tier (approximate) */
    public long size() {
        Cache<Object, CachedValue> l1 = state.l1;
        return l1 == null ? 0 : l1.estimatedSize();
    }

    /** Removes every entry; a load in progress will not store its result. */
    void invalidateAll() {
        epoch.incrementAndGet();
        Cache<Object, CachedValue> l1 = state.l1;
        if (l1 != null) {
            l1.invalidateAll();
        }
    }

    /**
     * Removes the entries whose logical key matches; a load in progress will not store its result.
     *
     * @return how many entries were removed
     */
    int invalidateMatching(Predicate<String> logicalKeyMatches) {
        epoch.incrementAndGet();
        Cache<Object, CachedValue> l1 = state.l1;
        if (l1 == null) {
            return 0;
        }
        int removed = 0;
        for (Map.Entry<Object, CachedValue> e : l1.asMap().entrySet()) {
            if (logicalKeyMatches.test(logicalKey(e.getKey())) && l1.asMap().remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /** Binds this method to {@code runtime}: fresh memory tier, the runtime's clock, counters and settings. */
    void bind(CacheRuntime runtime, boolean enabled) {
        epoch.incrementAndGet();
        state = enabled ? State.create(runtime, spec, keys.getClass().getClassLoader()) : State.DISABLED;
    }

    @Override
    public String toString() {
        return "MethodCache{" + spec.operation() + " " + spec.methodId() + "}";
    }

    /** Everything a call needs, replaced as a whole when the method is bound to another runtime. */
    static final class State {
        static final State DISABLED = new State(null, CacheClock.coarse(), new OperationCounters("-"), Duration.ZERO,
                Duration.ZERO, 0, Settings.DEFAULT_KEY_HASH_THRESHOLD, null, null, ReturnTypes.ReturnType.UNKNOWN,
                0, null);

        final Cache<Object, CachedValue> l1;
        final CacheClock clock;
        final OperationCounters counters;
        final HitCounter hits;
        final Duration ttl;
        final Duration l1Ttl;
        final long maxWaitNanos;
        final int hashThreshold;
        final SharedTierAccess shared;
        final DistributedLeases leases;
        final ReturnTypes.ReturnType returnType;
        final long refreshAfterNanos;
        final java.util.concurrent.Executor reloader;
        final Map<Object, Boolean> reloading = new ConcurrentHashMap<>();
        final Map<Object, Flight> flights = new ConcurrentHashMap<>();
        /** Sampled hits (a ring written with plain stores by the hit path; read by reportSampledHits). */
        static final int SAMPLES = 16;
        final int[] samples = new int[SAMPLES];
        int sampleCursor;
        long reportedHits;
        private final java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();

        /** @return the number of a new memory-tier entry, never 0 */
        int nextId() {
            int id = ids.incrementAndGet();
            return id != 0 ? id : ids.incrementAndGet();
        }

        private State(Cache<Object, CachedValue> l1, CacheClock clock, OperationCounters counters, Duration ttl,
                Duration l1Ttl, long maxWaitNanos, int hashThreshold, SharedTierAccess shared,
                DistributedLeases leases, ReturnTypes.ReturnType returnType, long refreshAfterNanos,
                java.util.concurrent.Executor reloader) {
            this.l1 = l1;
            this.clock = clock;
            this.counters = counters;
            this.hits = counters.hitCounter();
            this.ttl = ttl;
            this.l1Ttl = l1Ttl;
            this.maxWaitNanos = maxWaitNanos;
            this.hashThreshold = hashThreshold;
            this.shared = shared;
            this.leases = leases;
            this.returnType = returnType;
            this.refreshAfterNanos = refreshAfterNanos;
            this.reloader = reloader;
        }

        static State create(CacheRuntime runtime, CachedMethodSpec spec, ClassLoader loader) {
            Settings settings = runtime.settings();
            Duration ttl = settings.operationTtl(spec.operation())
                    .orElse(spec.ttlSeconds() > 0 ? Duration.ofSeconds(spec.ttlSeconds()) : settings.defaultTtl());
            Duration l1Ttl = settings.l1Ttl().filter(max -> max.compareTo(ttl) < 0).orElse(ttl);
            OperationCounters counters = runtime.counters(spec.operation());
            SharedTierAccess shared = runtime.sharedTier();
            ReturnTypes.ReturnType returnType = ReturnTypes.of(spec, loader);
            CacheClock clock = runtime.clock();
            Cache<Object, CachedValue> l1 = Caffeine.newBuilder()
                    // Maintenance on the calling thread: handing each write to the common pool woke a parked
                    // worker per shared-tier promotion, ~8 us of a ~90 us Redis hit (SharedTierBenchmark).
                    .executor(Runnable::run)
                    .maximumSize(settings.l1MaxEntries())
                    .expireAfterWrite(l1Ttl)
                    .ticker(clock::nanos)
                    .evictionListener((Object k, CachedValue v, RemovalCause cause) -> {
                        if (cause == RemovalCause.SIZE) {
                            counters.evicted();
                        } else if (cause == RemovalCause.EXPIRED) {
                            counters.expired();
                        }
                    })
                    .build();
            return new State(l1, clock, counters, ttl, l1Ttl, settings.singleFlightMaxWait().toNanos(),
                    settings.keyHashThreshold(), returnType.valueType() == null ? null : shared,
                    runtime.leases(), returnType,
                    spec.refreshAfterSeconds() > 0 ? Duration.ofSeconds(spec.refreshAfterSeconds()).toNanos() : 0,
                    spec.refreshAfterSeconds() > 0 ? runtime.reloader() : null);
        }
    }
}
