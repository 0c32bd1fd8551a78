package io.cacheweave.runtime;

import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.GlobPattern;
import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.tier.Invalidation;
import io.cacheweave.runtime.tier.InvalidationBus;
import io.cacheweave.runtime.tier.LeaseTier;
import io.cacheweave.runtime.tier.SharedTier;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cache engine: settings, clock, the caches of the methods bound to it, and their statistics. Woven methods
 * use the process-wide runtime of {@link Cacheweave}; tests and embedders build their own with {@link #builder()}
 * and {@link Cacheweave#install(CacheRuntime)} it.
 */
public final class CacheRuntime implements Invalidator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CacheRuntime.class);
    private static final Pattern GLOB_SPECIAL = Pattern.compile("[\\\\*?\\[\\]]");

    private final Settings settings;
    private final CacheClock clock;
    private final Map<String, OperationCounters> counters = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<MethodCache> methods = new CopyOnWriteArrayList<>();
    private final Map<String, MethodCache> operationOwners = new ConcurrentHashMap<>();
    private final SharedTierAccess shared;
    private final DistributedLeases leases;
    private final InvalidationBus bus;
    private volatile java.util.concurrent.ExecutorService reloader;
    private final ProgrammaticCaches programmatic = new ProgrammaticCaches(this);
    private volatile java.util.concurrent.ExecutorService asyncExecutor;
    private io.cacheweave.runtime.internal.MonitorFaces faces = io.cacheweave.runtime.internal.MonitorFaces.NONE;

    private CacheRuntime(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.shared = b.sharedTier == null ? null
                : new SharedTierAccess(b.sharedTier, b.codec, settings.namespace(), settings.schemaVersion());
        this.leases = b.sharedTier instanceof LeaseTier leaseTier ? new DistributedLeases(leaseTier,
                settings.namespace(), settings.schemaVersion(), settings.leaseTimeout()) : null;
        this.bus = b.bus == null ? null : b.bus.apply(new RemoteInvalidations());
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
     * Starts the faces of {@link #monitor()} that the settings ask for (Micrometer, OpenTelemetry, the stats page);
     * done for the process-wide runtime by {@link Cacheweave}. Never throws; a second call does nothing.
     */
    synchronized void startMonitorFaces() {
        if (faces == io.cacheweave.runtime.internal.MonitorFaces.NONE) {
            faces = io.cacheweave.runtime.internal.MonitorFaces.start(settings, this::monitor);
        }
    }

    /** Stops the faces of the monitor, so another runtime can take their meters and port. */
    synchronized void stopMonitorFaces() {
        faces.close();
        faces = io.cacheweave.runtime.internal.MonitorFaces.NONE;
    }

    /**
     * @return the address of the HTTP stats page of this runtime, if it serves one: the process-wide runtime does
     *     when {@code cacheweave.stats.http.enabled} is on and the page could start
     */
    public synchronized Optional<java.net.URI> statsPageUri() {
        return faces.statsPage();
    }

    /** Closes the monitor's faces, the invalidation bus and the shared tier; the memory tiers keep working. */
    @Override
    public void close() {
        stopMonitorFaces();
        if (reloader != null) {
            reloader.shutdownNow();
        }
        if (asyncExecutor != null) {
            asyncExecutor.shutdown(); // tasks already queued still finish (their futures complete)
        }
        if (leases != null) {
            leases.close();
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
        return cache(name, valueType, null, settings.l1MaxEntries());
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

    <K, V> Cache<K, V> cache(String name, java.lang.reflect.Type valueType, java.time.Duration ttl, long maxSize) {
        CacheArguments.requireName(name);
        synchronized (programmatic) { // against a @Cached method claiming the name at the same time (attach)
            return programmatic.get(name, valueType, ttl, maxSize, operationOwners.containsKey(name));
        }
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
                    e = AsyncTieredCache.boundedExecutor(settings.asyncThreads());
                    asyncExecutor = e;
                }
            }
        }
        return e;
    }

    /** @return the monitor of this runtime. PENDING: implemented on branch {@code metrics}. */
    public io.cacheweave.runtime.stats.CacheMonitor monitor() {
        throw new UnsupportedOperationException("PENDING: the monitor lands with branch metrics");
    }

    @Override
    public KeyWriter patternWriter() {
        return KeyWriter.forPattern(settings.keyHashThreshold());
    }

    @Override
    public KeyWriter keyWriter() {
        return KeyWriter.forKey(settings.keyHashThreshold());
    }

    /**
     * Removes every entry, in every method's memory tier, whose logical key matches the glob.
     *
     * @param pattern a glob over logical keys (see {@code @Invalidate.pattern}); must be well-formed
     * @throws IllegalArgumentException if the pattern is malformed
     */
    @Override
    public void pattern(String pattern) {
        invalidateLocally(Invalidation.Kind.PATTERN, pattern);
        if (shared != null) {
            long removed = shared.deleteMatching(pattern);
            LOG.debug("cacheweave: pattern {} removed {} shared entries", pattern, removed);
        }
        publish(Invalidation.Kind.PATTERN, pattern);
    }

    private void invalidatePatternLocally(String pattern) {
        GlobPattern glob = GlobPattern.compile(Objects.requireNonNull(pattern, "pattern must not be null"));
        String prefix = glob.literalPrefix();
        int removed = 0;
        for (MethodCache m : methods) {
            String opPrefix = m.operation() + ":";
            if (!(prefix.startsWith(opPrefix) || opPrefix.startsWith(prefix))) {
                continue; // no key of this operation can match
            }
            counters(m.operation()).invalidated();
            if (pattern.equals(opPrefix + "*")) {
                m.invalidateAll();
            } else {
                removed += m.invalidateMatching(glob::matches);
            }
        }
        programmatic.pattern(glob);
        LOG.debug("cacheweave: invalidated pattern {} ({} memory entries matched one by one)", pattern, removed);
    }

    /**
     * Removes every entry of {@code operation}.
     *
     * @param operation an operation name
     */
    @Override
    public void operation(String operation) {
        invalidateLocally(Invalidation.Kind.OPERATION, operation);
        if (shared != null) {
            shared.deleteMatching(GLOB_SPECIAL.matcher(operation).replaceAll("\\\\$0") + ":*");
        }
        publish(Invalidation.Kind.OPERATION, operation);
    }

    private void invalidateOperationLocally(String operation) {
        Objects.requireNonNull(operation, "operation must not be null");
        for (MethodCache m : methods) {
            if (m.operation().equals(operation)) {
                m.invalidateAll();
            }
        }
        programmatic.operation(operation);
        counters(operation).invalidated();
        LOG.debug("cacheweave: invalidated operation {}", operation);
    }

    /** Removes every entry of every operation from this node's memory tier and from the shared tier. */
    public void invalidateAll() {
        invalidateLocally(Invalidation.Kind.ALL, "");
        if (shared != null) {
            shared.deleteMatching("*");
        }
        publish(Invalidation.Kind.ALL, "");
    }

    /** Applies an invalidation to this node's memory tier only. */
    void invalidateLocally(Invalidation.Kind kind, String target) {
        switch (kind) {
            case PATTERN -> invalidatePatternLocally(target);
            case OPERATION -> invalidateOperationLocally(target);
            case ALL -> {
                for (MethodCache m : methods) {
                    m.invalidateAll();
                }
                programmatic.all();
            }
        }
    }

    /** Sends an invalidation to the other nodes (programmatic caches send their puts and deletes too). */
    void publish(Invalidation.Kind kind, String target) {
        if (bus != null) {
            bus.publish(kind, target);
        }
    }

    /** Applies the other nodes' invalidations; clears everything when messages may have been lost. */
    private final class RemoteInvalidations implements InvalidationBus.Listener {
        @Override
        public void onInvalidation(Invalidation invalidation) {
            try {
                invalidateLocally(invalidation.kind(), invalidation.target());
            } catch (RuntimeException e) {
                LOG.warn("cacheweave: could not apply {}; clearing the memory tier instead", invalidation, e);
                invalidateLocally(Invalidation.Kind.ALL, "");
            }
        }

        @Override
        public void onMessagesLost(String reason) {
            LOG.info("cacheweave: invalidations from other nodes may have been missed ({}); clearing the memory "
                    + "tier", reason);
            invalidateLocally(Invalidation.Kind.ALL, "");
        }
    }

    OperationCounters counters(String operation) {
        return counters.computeIfAbsent(operation, OperationCounters::new);
    }

    /** Binds {@code m} to this runtime; a second method claiming an operation runs uncached, with one error. */
    void attach(MethodCache m) {
        boolean enabled = settings.enabled();
        MethodCache owner;
        synchronized (programmatic) {
            if (programmatic.contains(m.operation())) {
                LOG.error("cacheweave: operation \"{}\" of {} is the name of a programmatic cache; {} runs "
                        + "uncached until one of them is renamed.", m.operation(), m.spec.methodId(),
                        m.spec.methodId());
                m.bind(this, false);
                methods.addIfAbsent(m);
                return;
            }
            owner = operationOwners.putIfAbsent(m.operation(), m);
        }
        if (owner != null && owner != m && !owner.spec.methodId().equals(m.spec.methodId())) {
            LOG.error("cacheweave: operation \"{}\" is declared by both {} and {}; operations must be unique per "
                    + "method, so their keys cannot collide. {} runs uncached until one of them is renamed.",
                    m.operation(), owner.spec.methodId(), m.spec.methodId(), m.spec.methodId());
            enabled = false;
        }
        m.bind(this, enabled);
        methods.addIfAbsent(m);
    }

    /** Builds a {@link CacheRuntime}. */
    public static final class Builder {
        private Settings settings;
        private CacheClock clock = CacheClock.coarse();
        private SharedTier sharedTier;
        private ValueCodec codec;
        private Function<InvalidationBus.Listener, InvalidationBus> bus;

        private Builder() {
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
                SharedTiers.configure(this, settings);
            }
            return new CacheRuntime(this);
        }
    }
}
