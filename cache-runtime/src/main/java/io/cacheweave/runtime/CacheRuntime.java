package io.cacheweave.runtime;

import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.config.MonitorSettings;
import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.Recording;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.tier.Invalidation;
import io.cacheweave.runtime.tier.InvalidationBus;
import io.cacheweave.runtime.tier.LeaseTier;
import io.cacheweave.runtime.tier.SharedTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * One cache engine: settings, clock, the caches of the methods bound to it, and their statistics. Woven methods
 * use the process-wide runtime of {@link Cacheweave}; tests and embedders build their own with {@link #builder()}
 * and {@link Cacheweave#install(CacheRuntime)} it.
 */
public final class CacheRuntime implements Invalidator, AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(CacheRuntime.class);

    private final Settings settings;
    private final CacheClock clock;
    private final Map<String, OperationCounters> counters = new ConcurrentHashMap<>();
    /** Bound methods, held weakly so that a dropped class loader is collected (see MethodRegistry). */
    private final MethodRegistry methods = new MethodRegistry();
    /** The method each operation belongs to, held weakly: an operation of a collected class is free again. */
    private final Map<String, java.lang.ref.WeakReference<MethodCache>> operationOwners = new ConcurrentHashMap<>();
    private final SharedTierAccess shared;
    private final DistributedLeases leases;
    /** The shared tier's pattern deletions, bounded on the caller's thread; {@code null} without a shared tier. */
    private final PatternDeletes patternDeletes;
    private final InvalidationBus bus;
    private volatile java.util.concurrent.ExecutorService reloader;
    private final ProgrammaticCaches programmatic = new ProgrammaticCaches(this);
    private volatile java.util.concurrent.ExecutorService asyncExecutor;
    private io.cacheweave.runtime.internal.MonitorBridges bridges = io.cacheweave.runtime.internal.MonitorBridges.NONE;
    private final CopyOnWriteArrayList<MonitoredCache> otherCaches = new CopyOnWriteArrayList<>();
    private final Recording recording;
    private final RuntimeMonitor monitor;
    /** The periodic clean-up of {@code cacheweave.l1.cleanup-interval}, or {@code null}. */
    private final MemoryCleanup cleanup;
    /** This node's side of every invalidation: memory tiers, counters, observers, the other nodes' messages. */
    final LocalInvalidations local;

    private CacheRuntime(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        MonitorSettings ms = settings.monitor();
        this.recording = new Recording(ms.enabled(), clock::nanos, ms.interval(), ms.latencySlots(),
                ms.mediumBytes(), ms.largeBytes(), ms.xlargeBytes(), ms.topKeys());
        this.shared = b.sharedTier == null ? null
                : new SharedTierAccess(b.sharedTier, b.codec, settings.core().namespace(), settings
                .core().schemaVersion());
        this.leases = b.sharedTier instanceof LeaseTier leaseTier ? new DistributedLeases(leaseTier,
                settings.core().namespace(), settings.core().schemaVersion(), settings.core().leaseTimeout()) : null;
        this.local = new LocalInvalidations(methods, programmatic, recording, this::counters,
                shared == null ? null : shared.generations());
        this.bus = b.bus == null ? null : b.bus.apply(local.remoteListener());
        this.patternDeletes = shared == null ? null : new PatternDeletes(shared, settings.redis().timeout(),
                pattern -> {
                    local.apply(Invalidation.Kind.PATTERN, pattern);
                    publish(Invalidation.Kind.PATTERN, pattern);
                });
        if (shared != null) {
            shared.generations().watch(bus == null ? null : bus.health(), settings.core().invalidationMaxStaleness());
        }
        if (b.sharedTier instanceof GuardedTier guarded) {
            String tierName = shared.tierName();
            guarded.breaker().addListener((from, to) -> recording.fire(
                    o -> o.onBreakerStateChange(tierName, from.name(), to.name())));
        }
        this.monitor = new RuntimeMonitor(this, recording);
        monitor.start();
        this.cleanup = MemoryCleanup.start(settings.memory().cleanupInterval().orElse(null), this::monitoredCaches);
    }

    /** @return the shared tier of this runtime, or {@code null} when it runs on the memory tier alone */
    SharedTierAccess sharedTier() {
        return shared;
    }

    /** @return the distributed leases of {@code @Cached(lease = true)} methods, or {@code null} without a shared tier */
    DistributedLeases leases() {
        return leases;
    }

    /** @return the daemon threads that run the background reloads of refresh-ahead methods, started on first use */
    java.util.concurrent.Executor reloader() {
        java.util.concurrent.ExecutorService r = reloader;
        if (r == null) {
            synchronized (this) {
                r = reloader;
                if (r == null) {
                    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
                    r = java.util.concurrent.Executors.newFixedThreadPool(2, task -> {
                        Thread t = new Thread(task, "cacheweave-reload-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    reloader = r;
                }
            }
        }
        return r;
    }

    /**
     * Starts the bridges of {@link #monitor()} that the settings ask for (Micrometer, OpenTelemetry, the stats page);
     * done for the process-wide runtime by {@link Cacheweave}. Never throws; a second call does nothing.
     */
    synchronized void startMonitorBridges() {
        if (bridges == io.cacheweave.runtime.internal.MonitorBridges.NONE) {
            bridges = io.cacheweave.runtime.internal.MonitorBridges.start(settings, this::monitor);
        }
    }

    /** Stops the bridges of the monitor, so another runtime can take their meters and port. */
    synchronized void stopMonitorBridges() {
        bridges.close();
        bridges = io.cacheweave.runtime.internal.MonitorBridges.NONE;
    }

    /**
     * @return the address of the HTTP stats page of this runtime, if it serves one: the process-wide runtime does
     *     when {@code cacheweave.stats.http.enabled} is on and the page could start
     */
    public synchronized Optional<java.net.URI> statsPageUri() {
        return bridges.statsPage();
    }

    /**
     * Closes the monitor's bridges, unregisters its MBeans, closes the invalidation bus and the shared tier; the memory
     * tiers keep working.
     */
    @Override
    public void close() {
        stopMonitorBridges();
        monitor.close();
        if (cleanup != null) {
            cleanup.close();
        }
        if (reloader != null) {
            reloader.shutdownNow();
        }
        if (asyncExecutor != null) {
            asyncExecutor.shutdown(); // tasks already queued still finish (their futures complete)
        }
        if (leases != null) {
            leases.close();
        }
        if (patternDeletes != null) {
            patternDeletes.close();
        }
        if (bus != null) {
            try {
                bus.close();
            } catch (RuntimeException e) {
                LOG.debug("cacheweave: closing the invalidation bus failed", e);
            }
        }
        if (shared != null) {
            shared.close();
        }
    }

    /** @return a builder with the loaded settings ({@link Settings#load()}) and the coarse clock */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings of this runtime */
    public Settings settings() {
        return settings;
    }

    /** @return the clock expiry is measured against */
    public CacheClock clock() {
        return clock;
    }

    /**
     * @param operation an operation name
     * @return its counters now, if any method of that operation was bound to this runtime
     */
    public Optional<OperationStats> stats(String operation) {
        OperationCounters c = counters.get(operation);
        return c == null ? Optional.empty() : Optional.of(c.snapshot());
    }

    /**
     * @param operation an operation or programmatic cache name
     * @return how many invalidations of a programmatic cache were made with each context (see
     *     {@link Cache#invalidatePattern(String, String)}; {@link Cache#clear()} counts as {@code "clear"}), sorted;
     *     empty when there were none
     */
    public Map<String, Long> invalidationContexts(String operation) {
        OperationCounters c = counters.get(operation);
        return c == null ? Map.of() : c.invalidationContexts();
    }

    /** @return the counters of every operation now, sorted by operation */
    public Map<String, OperationStats> stats() {
        Map<String, OperationStats> all = new TreeMap<>();
        counters.forEach((op, c) -> all.put(op, c.snapshot()));
        return all;
    }

    /**
     * A programmatic cache of this runtime (see {@link Cache}), made on first use with the default TTL
     * ({@code cacheweave.ttl.<name>}, else {@code cacheweave.ttl.default}); the same cache for the same name after.
     * {@link #cacheBuilder(String)} sets a TTL and a size of its own.
     *
     * @param name the cache's name, used like an operation name: non-empty, no {@code : * ? [ ] \} or white space,
     *     not the operation of a {@code @Cached} method
     * @param valueType the (generic) type of its values
     * @param <K> the key type
     * @param <V> the value type
     * @return the cache of that name
     * @throws IllegalArgumentException if the name breaks those rules, or the cache exists with another value type
     */
    public <K, V> Cache<K, V> cache(String name, java.lang.reflect.Type valueType) {
        return cache(name, valueType, null, settings.memory().maxEntries(), null);
    }

    /**
     * @param name the cache's name (see {@link #cache(String, java.lang.reflect.Type)})
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder of the programmatic cache of that name
     */
    public <K, V> CacheBuilder<K, V> cacheBuilder(String name) {
        return new CacheBuilder<>(this, name);
    }

    /** @param supports the cache a supporting cache serves (see {@link CacheBuilder#supporting}), else null */
    <K, V> Cache<K, V> cache(String name, java.lang.reflect.Type valueType, java.time.Duration ttl, long maxSize,
            String supports) {
        CacheArguments.requireName(name);
        synchronized (programmatic) { // against a @Cached method claiming the name at the same time (attach)
            return programmatic.get(name, valueType, ttl, maxSize, ownerOf(name) != null, supports);
        }
    }

    /**
     * @param operation an operation or programmatic cache name
     * @return the cache it serves when it is a supporting cache ({@link CacheBuilder#supporting}), else {@code null}
     */
    String supports(String operation) {
        return programmatic.supports(operation);
    }

    /**
     * @return the bounded executor of the programmatic caches' shared-tier work, started on first use:
     *     {@code cacheweave.async.threads} daemon threads, a queue of 1024 tasks per thread, and the caller runs a
     *     task itself when the queue is full
     */
    java.util.concurrent.Executor asyncExecutor() {
        java.util.concurrent.ExecutorService e = asyncExecutor;
        if (e == null) {
            synchronized (this) {
                e = asyncExecutor;
                if (e == null) {
                    e = AsyncProgrammaticCache.boundedExecutor(settings.core().asyncThreads());
                    asyncExecutor = e;
                }
            }
        }
        return e;
    }

    /**
     * @return the monitor of this runtime: snapshots (also as JSON), observers; its MBeans are registered while the
     *     runtime is open (unless {@code cacheweave.monitor.jmx=false})
     */
    public CacheMonitor monitor() {
        return monitor;
    }

    @Override
    public KeyWriter patternWriter() {
        return KeyWriter.forPattern(settings.core().keyHashThreshold());
    }

    @Override
    public KeyWriter keyWriter() {
        return KeyWriter.forKey(settings.core().keyHashThreshold());
    }

    /**
     * Removes every entry, in every method's memory tier and in the shared tier, whose logical key matches the glob.
     * The shared tier is scanned ({@code SCAN MATCH} + {@code UNLINK}: time in proportion to its size, about a
     * second per million keys); the caller waits at most the Redis command timeout ({@code cacheweave.redis.timeout})
     * for it, the rest goes on in the background and the pattern is sent to the other nodes again when it is done.
     * To remove a whole operation or a group of entries in one round trip, use {@link #invalidateOperation(String)}
     * or tags ({@link #invalidateTag(String)}).
     *
     * @param pattern a glob over logical keys (see {@code @Invalidate.pattern}); must be well-formed
     * @throws IllegalArgumentException if the pattern is malformed
     */
    @Override
    public void invalidatePattern(String pattern) {
        invalidatePattern(pattern, "");
    }

    /**
     * As {@link #invalidatePattern(String)}, recorded by the monitor under a context.
     *
     * @param pattern a glob over logical keys
     * @param context who invalidates and why (the invalidating method, a job name), or {@code ""}
     * @return entries removed: the larger of the memory tiers' and the shared tier's counts
     */
    public long invalidatePattern(String pattern, String context) {
        Map<String, Long> removed = local.apply(Invalidation.Kind.PATTERN, pattern);
        long sharedRemoved = 0;
        if (shared != null) {
            sharedRemoved = Math.max(0, patternDeletes.delete(pattern)); // -1: goes on in the background
            LOG.debug("cacheweave: pattern {} removed {} shared entries", pattern, sharedRemoved);
        }
        publish(Invalidation.Kind.PATTERN, pattern);
        return local.record(removed, pattern, context, sharedRemoved);
    }

    /**
     * Removes every entry of {@code operation}.
     *
     * @param operation an operation name
     */
    @Override
    public void invalidateOperation(String operation) {
        invalidateOperation(operation, "");
    }

    /**
     * As {@link #invalidateOperation(String)}, recorded by the monitor under a context.
     *
     * @param operation an operation name (of a woven method or a programmatic cache)
     * @param context who invalidates and why, or {@code ""}
     * @return entries removed: the larger of the memory tiers' and the shared tier's counts
     */
    public long invalidateOperation(String operation, String context) {
        Map<String, Long> removed = local.apply(Invalidation.Kind.OPERATION, operation);
        long sharedRemoved = 0;
        if (shared != null && shared.generations().enabled()) {
            // one round trip: the operation's next generation; its stored entries are never read again
            long generation = shared.generations().bump(Generations.operationId(operation));
            if (generation != Generations.UNKNOWN) {
                local.apply(Invalidation.Kind.OPERATION, operation); // loads that read the old generation
                publish(Invalidation.Kind.GENERATION, generation + " " + operation);
                return local.record(removed, "operation:" + operation, context, 0);
            }
        } else if (shared != null) { // a tier without counters: delete, bounded on this thread like a pattern
            sharedRemoved = Math.max(0, patternDeletes.delete(CacheArguments.escapeGlob(operation) + ":*"));
        }
        publish(Invalidation.Kind.OPERATION, operation);
        return local.record(removed, "operation:" + operation, context, sharedRemoved);
    }

    /**
     * Removes every entry carrying {@code tag}, of every operation and programmatic cache, on every node.
     *
     * @param tag a tag, as {@code @Cached(tags = ...)} renders it or as given to {@link Cache#put(Object, Object,
     *     Duration, java.util.Collection)}
     * @throws IllegalArgumentException if the tag is empty or longer than 1024 bytes of UTF-8
     */
    @Override
    public void invalidateTag(String tag) {
        invalidateTag(tag, "");
    }

    /**
     * As {@link #invalidateTag(String)}, recorded by the monitor under a context. One round trip to the shared tier
     * (the tag's next generation: every stored entry carrying an older one is a miss from then on, and goes when
     * its TTL runs out) and one message to the other nodes, whatever the size of the shared tier.
     *
     * @param tag a tag
     * @param context who invalidates and why, or {@code ""}
     * @return memory-tier entries removed on this node (the shared tier's are not counted: they are left to expire)
     */
    public long invalidateTag(String tag, String context) {
        StoredTags.requireTag(tag);
        Map<String, Long> removed = local.tagged(tag);
        long generation = 0;
        if (shared != null) {
            generation = shared.generations().bump(Generations.tagId(tag));
            local.tagged(tag).forEach((op, n) -> removed.merge(op, n, Long::sum)); // reads that saw the old one
        }
        if (generation != Generations.UNKNOWN) {
            publish(Invalidation.Kind.TAG, generation + " " + tag);
        }
        return local.record(removed, "tag:" + tag, context, 0);
    }

    /**
     * @param pattern a glob over logical keys
     * @param context who invalidates and why, or {@code ""}
     * @return entries removed
     * @deprecated the old name; use {@link #invalidatePattern(String, String)}
     */
    @Deprecated
    public long pattern(String pattern, String context) {
        return invalidatePattern(pattern, context);
    }

    /**
     * @param operation an operation name
     * @param context who invalidates and why, or {@code ""}
     * @return entries removed
     * @deprecated the old name; use {@link #invalidateOperation(String, String)}
     */
    @Deprecated
    public long operation(String operation, String context) {
        return invalidateOperation(operation, context);
    }

    /**
     * Removes every entry of every operation from this node's memory tier and from the shared tier (scanned as for
     * {@link #invalidatePattern(String)} {@code "*"}: the caller waits at most {@code cacheweave.redis.timeout}).
     */
    public void invalidateAll() {
        invalidateAll("");
    }

    /** @param context who invalidates and why, or {@code ""}; as {@link #invalidateAll()} */
    public void invalidateAll(String context) {
        Map<String, Long> removed = local.apply(Invalidation.Kind.ALL, "");
        long sharedRemoved = shared == null ? 0 : Math.max(0, patternDeletes.delete("*")); // bounded, as a pattern
        local.record(removed, "*", context, sharedRemoved);
        publish(Invalidation.Kind.ALL, "");
    }

    /**
     * @param context who invalidates (the invalidating method), recorded by the monitor
     * @return this runtime as an {@link Invalidator} whose invalidations carry {@code context}
     */
    public Invalidator withContext(String context) {
        return new Invalidator() {
            @Override
            public KeyWriter patternWriter() {
                return CacheRuntime.this.patternWriter();
            }

            @Override
            public KeyWriter keyWriter() {
                return CacheRuntime.this.keyWriter();
            }

            @Override
            public void invalidatePattern(String pattern) {
                CacheRuntime.this.invalidatePattern(pattern, context);
            }

            @Override
            public void invalidateOperation(String operation) {
                CacheRuntime.this.invalidateOperation(operation, context);
            }

            @Override
            public void invalidateTag(String tag) {
                CacheRuntime.this.invalidateTag(tag, context);
            }
        };
    }

    /**
     * @return whether this node may serve its memory tiers, as its invalidation bus tells; {@code null} without a
     *     bus that can tell (the memory tiers are then always served)
     */
    io.cacheweave.runtime.tier.BusHealth busHealth() {
        return bus == null ? null : bus.health();
    }

    /** Sends invalidations of one kind to the other nodes, returning once they are sent (see {@link #publish}). */
    void publishAll(Invalidation.Kind kind, java.util.Collection<String> targets) {
        if (bus != null) {
            bus.publishAll(kind, targets);
        }
    }

    /**
     * Sends an invalidation to the other nodes (programmatic caches send their puts and deletes too), returning once
     * it is sent: for Redis once {@code PUBLISH} was answered, at most the command timeout later.
     */
    void publish(Invalidation.Kind kind, String target) {
        if (bus != null) {
            bus.publish(kind, target);
        }
    }

    /**
     * @param operation an operation name (of a woven method or a programmatic cache)
     * @return its counters, made on first use; everything recorded there reaches the monitor
     */
    OperationCounters counters(String operation) {
        OperationCounters c = counters.get(operation);
        if (c == null) {
            c = counters.computeIfAbsent(operation, op -> new OperationCounters(op, recording));
            monitor.operationSeen(operation);
        }
        return c;
    }

    /** @return the counters of every operation, live */
    Map<String, OperationCounters> allCounters() {
        return counters;
    }

    /** @return the caches the monitor estimates memory for: every bound method, and those added by monitored() */
    List<MonitoredCache> monitoredCaches() {
        List<MonitoredCache> all = new ArrayList<>(methods.alive());
        all.addAll(otherCaches);
        return all;
    }

    /** @param cache a cache of this runtime other than a woven method (a programmatic cache), for the monitor */
    void monitored(MonitoredCache cache) {
        otherCaches.addIfAbsent(cache);
    }

    /**
     * Binds {@code m} to this runtime. An operation belongs to one method: a second method claiming it runs uncached,
     * with one error. A reload is not a second method: the same method, or a method of a class of the same name from
     * another class loader (a redeploy, whose old class may not be collected yet), takes the operation over, and both
     * stay cached until the old class is unloaded. An operation whose method was collected is free again.
     */
    void attach(MethodCache m) {
        boolean enabled = settings.core().enabled();
        MethodCache conflict = null;
        synchronized (programmatic) {
            if (programmatic.contains(m.operation())) {
                LOG.error("cacheweave: operation \"{}\" of {} is the name of a programmatic cache; {} runs "
                        + "uncached until one of them is renamed.", m.operation(), m.spec.methodId(),
                        m.spec.methodId());
                m.bind(this, false);
                methods.add(m);
                return;
            }
            operationOwners.values().removeIf(r -> r.get() == null);
            MethodCache owner = ownerOf(m.operation());
            if (owner == null || owner == m || isReload(owner, m)) {
                operationOwners.put(m.operation(), new java.lang.ref.WeakReference<>(m));
            } else {
                conflict = owner;
            }
        }
        if (conflict != null) {
            LOG.error("cacheweave: operation \"{}\" is declared by both {} and {}; operations must be unique per "
                    + "method, so their keys cannot collide. {} runs uncached until one of them is renamed.",
                    m.operation(), conflict.spec.methodId(), m.spec.methodId(), m.spec.methodId());
            enabled = false;
        }
        m.bind(this, enabled);
        methods.add(m);
    }

    /** @return the live method the operation belongs to, or {@code null} */
    private MethodCache ownerOf(String operation) {
        java.lang.ref.WeakReference<MethodCache> owner = operationOwners.get(operation);
        return owner == null ? null : owner.get();
    }

    /** @return whether {@code m} is {@code owner} registered again, or its class reloaded by another class loader */
    private static boolean isReload(MethodCache owner, MethodCache m) {
        return owner.spec.methodId().equals(m.spec.methodId())
                || (owner.spec.declaringClass().equals(m.spec.declaringClass())
                        && owner.keys.getClass().getClassLoader() != m.keys.getClass().getClassLoader());
    }

    /** Builds a {@link CacheRuntime}. */
    public static final class Builder {
        private Settings settings;
        private CacheClock clock = CacheClock.coarse();
        private SharedTier sharedTier;
        private ValueCodec codec;
        private Function<InvalidationBus.Listener, InvalidationBus> bus;
        /** Redis from the settings is connected in the background (the process-wide runtime, see SharedTiers). */
        private boolean connectInBackground;

        private Builder() {
        }

        /** Lets a Redis tier made from the settings connect in the background, without any wait; for {@link Cacheweave}. */
        Builder connectInBackground() {
            this.connectInBackground = true;
            return this;
        }

        /** @param settings the settings; default {@link Settings#load()} @return this builder */
        public Builder settings(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings must not be null");
            return this;
        }

        /** @param clock the clock of expiry; default {@link CacheClock#coarse()} @return this builder */
        public Builder clock(CacheClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * @param tier the shared tier behind the memory tier, or {@code null} for none; the runtime closes it
         * @param codec how values are stored in it
         * @return this builder
         */
        public Builder sharedTier(SharedTier tier, ValueCodec codec) {
            this.sharedTier = tier;
            this.codec = tier == null ? null : Objects.requireNonNull(codec, "codec must not be null");
            return this;
        }

        /**
         * @param bus makes the bus that carries invalidations between nodes, given the runtime's listener; or
         *     {@code null} for none. The runtime closes it.
         * @return this builder
         */
        public Builder invalidationBus(Function<InvalidationBus.Listener, InvalidationBus> bus) {
            this.bus = bus;
            return this;
        }

        /**
         * Builds the runtime. Without an explicit {@link #sharedTier}, a configured {@code cacheweave.redis.url}
         * (or {@code REDIS_URL}) makes Redis the shared tier, with its invalidation bus.
         *
         * @return the runtime
         */
        public CacheRuntime build() {
            if (settings == null) {
                settings = Settings.load();
            }
            if (sharedTier == null && bus == null) {
                SharedTiers.configure(this, settings, connectInBackground);
            }
            return new CacheRuntime(this);
        }
    }
}
