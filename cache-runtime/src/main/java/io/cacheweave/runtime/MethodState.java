package io.cacheweave.runtime;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.Keys;
import io.cacheweave.runtime.stats.HitCounter;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * The engine of one {@code @Cached} method while bound to a runtime: the {@link CacheCore} keyed by the generated key
 * object, whose memory tier has no expiry of Caffeine's (the cheapest lookup; entries carry their deadlines), and what a method adds to it: its time to live and
 * jitter, how its results are typed (return type, absent results, publishers), distributed leases and refresh-ahead.
 * Replaced as a whole when the method is bound to another runtime; a disabled one has no memory tier.
 */
final class MethodState extends CacheCore<Object> {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(MethodState.class);

    /** The shortest time between two sweeps of a method's memory tier for expired entries. */
    static final long MIN_SWEEP_SECONDS = 10;

    final Duration ttl;
    final Duration l1Ttl;
    final int hashThreshold;
    final DistributedLeases leases;
    final ReturnTypes.ReturnType returnType;
    /** What an absent result read from the shared tier is: {@code Optional.empty()} or {@code null}. */
    final Object absent;
    /** The most elements of a {@code Flux} result that are stored ({@code cacheweave.flux.max-elements}). */
    final int fluxMaxElements;
    final long refreshAfterNanos;
    private final Executor reloader;
    private final Map<Object, Boolean> reloading = new ConcurrentHashMap<>();
    private final int jitter;
    /** One probe per stripe of threads, made when first needed (see {@link #candidate}). */
    private final Keys.Probe[] probes = new Keys.Probe[HitCounter.STRIPES];

    private MethodState(MethodCache method, com.github.benmanes.caffeine.cache.Cache<Object, MemoryEntry> l1,
            CacheClock clock, OperationCounters counters, Duration ttl, Duration l1Ttl, Settings settings,
            SharedTierAccess shared, io.cacheweave.runtime.tier.BusHealth health, DistributedLeases leases,
            ReturnTypes.ReturnType returnType, Executor reloader) {
        super(method.spec.operation(), l1, clock, counters, shared, health, settings.telemetry().otelMemoryHitSpans(),
                settings.core().singleFlightMaxWait().toNanos(), sweepEvery(l1Ttl), l1Ttl.toNanos(),
                settings.memory().maxEntries(),
                key -> method.written(settings.core().keyHashThreshold(), key).toString());
        this.ttl = ttl;
        this.l1Ttl = l1Ttl;
        this.hashThreshold = settings.core().keyHashThreshold();
        this.leases = leases;
        this.returnType = returnType;
        this.absent = returnType.kind() == ReturnTypes.Kind.OPTIONAL ? Optional.empty() : null;
        this.fluxMaxElements = settings.core().fluxMaxElements();
        CachedMethodSpec spec = method.spec;
        this.refreshAfterNanos = spec.refreshAfterSeconds() > 0
                ? Duration.ofSeconds(spec.refreshAfterSeconds()).toNanos() : 0;
        this.reloader = refreshAfterNanos > 0 ? reloader : null;
        this.jitter = spec.jitter();
    }

    /**
     * @return how often a store sweeps expired entries out of the memory tier: every {@code l1Ttl}, so an expired
     *     entry nobody reads stays at most twice its time to live (unless the size bound or a store of its key drops
     *     it first), but not more often than every {@value #MIN_SWEEP_SECONDS} s, since a sweep walks the whole tier
     */
    private static long sweepEvery(Duration l1Ttl) {
        return Math.max(Duration.ofSeconds(MIN_SWEEP_SECONDS).toNanos(), l1Ttl.toNanos());
    }

    /** @return the state of a method that runs uncached (runtime disabled, return type not cacheable) */
    static MethodState disabled(MethodCache method, Settings settings) {
        return new MethodState(method, null, CacheClock.coarse(), new OperationCounters("-"), Duration.ZERO,
                Duration.ZERO, settings, null, null, null, ReturnTypes.ReturnType.UNKNOWN, null);
    }

    static MethodState create(CacheRuntime runtime, MethodCache method, ClassLoader loader) {
        Settings settings = runtime.settings();
        CachedMethodSpec spec = method.spec;
        Duration ttl = settings.core().operationTtl(spec.operation())
                .orElse(spec.ttlSeconds() > 0 ? Duration.ofSeconds(spec.ttlSeconds()) : settings.core().defaultTtl());
        Duration l1Ttl = settings.memory().ttl().filter(max -> max.compareTo(ttl) < 0).orElse(ttl);
        ReturnTypes.ReturnType returnType = ReturnTypes.of(spec, loader);
        if (returnType == ReturnTypes.ReturnType.UNCACHEABLE) {
            return disabled(method, settings);
        }
        OperationCounters counters = runtime.counters(spec.operation());
        CacheClock clock = runtime.clock();
        com.github.benmanes.caffeine.cache.Cache<Object, MemoryEntry> l1 = MemoryBound.apply(Caffeine.newBuilder()
                // Maintenance on the calling thread: handing each write to the common pool woke a parked
                // worker per shared-tier promotion, ~8 us of a ~90 us Redis hit (SharedTierBenchmark).
                .executor(Runnable::run), settings.memory().maxEntries(), settings.memory().maxBytes())
                // No Caffeine expiry: every entry carries its deadline, checked on the hit (see CacheCore)
                .evictionListener((Object k, MemoryEntry v, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        counters.evicted();
                    }
                })
                .build();
        return new MethodState(method, l1, clock, counters, ttl, l1Ttl, settings,
                returnType.valueType() == null ? null : runtime.sharedTier(), runtime.busHealth(), runtime.leases(),
                returnType, runtime.reloader());
    }

    /** @return the time to live of one new entry: the method's, shortened at random by up to its jitter */
    Duration entryTtl() {
        if (jitter <= 0) {
            return ttl;
        }
        double cut = ThreadLocalRandom.current().nextDouble() * Math.min(jitter, 100) / 100.0;
        return Duration.ofNanos(Math.max(1_000_000L, (long) (ttl.toNanos() * (1.0 - cut))));
    }

    /**
     * The lookup of a key that is a tuple of two parts, by the tuple's hash and without the tuple: the live entry
     * stored under a tuple of that hash, uncounted and unchecked (see {@link Keys.Probe}), or {@code null}.
     */
    MemoryEntry candidate(int hash) {
        int stripe = HitCounter.stripe();
        Keys.Probe probe = probes[stripe];
        if (probe == null) { // a racing thread may make another: either serves, any hash it shows is checked
            probe = Keys.probe();
            probes[stripe] = probe;
        }
        MemoryEntry v = l1.getIfPresent(probe.of(hash));
        return v != null && fresh(v) ? v : null;
    }

    /** @return a stored value of a normal result; carries its load time when the method refreshes ahead */
    MemoryEntry storedValue(Object value, Duration entryTtl) {
        long deadline = deadlineIn(entryTtl.toNanos());
        return refreshAfterNanos > 0 ? new MemoryEntry(value, deadline, clock.nanos())
                : new MemoryEntry(value, deadline);
    }

    /** @return whether a hit on {@code v} should start a background reload (refresh-ahead) */
    boolean due(MemoryEntry v) {
        return refreshAfterNanos > 0 && clock.nanos() - v.writtenAt() > refreshAfterNanos;
    }

    /**
     * Starts one background reload of the key (the method run again with the same receiver and arguments, its
     * result stored as a load's), unless one is running already or the method cannot be called.
     *
     * @param reloading marks the reload's thread, so the woven call runs its body instead of hitting the old entry
     */
    void reload(MethodCache method, Object key, Object self, Object[] args, ThreadLocal<MethodCache> reloadingMark) {
        Method target = returnType.method();
        if (target == null || reloader == null || reloading.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        try {
            reloader.execute(() -> {
                try {
                    reloadingMark.set(method);
                    Object reloaded = target.invoke(self, args);
                    if (returnType.reactive() != null && reloaded != null) {
                        returnType.reactive().subscribe(reloaded); // a publisher loads when subscribed to
                    }
                } catch (InvocationTargetException e) {
                    LOG.debug("cacheweave: background reload of {} failed; the old value stays until its TTL",
                            method.spec.methodId(), e.getCause());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.debug("cacheweave: background reload of {} could not run", method.spec.methodId(), e);
                } finally {
                    reloadingMark.remove();
                    reloading.remove(key);
                }
            });
        } catch (RejectedExecutionException e) { // runtime closed
            reloading.remove(key);
        }
    }
}
