package io.cacheweave.runtime;

import io.cacheweave.runtime.stats.HitCounter;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.tier.Invalidation;
import io.cacheweave.runtime.tier.SharedTier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * The engine of a programmatic {@link Cache}: a Caffeine memory tier keyed by the rendered key, with a deadline per
 * entry (per-put TTLs, on the runtime's clock), in front of the runtime's shared tier through
 * {@link SharedTierAccess}. Writes are in {@link CacheWrites}, loads in {@link CacheLoads}; clearing, listing and
 * pattern invalidation in {@link CacheSweeps}; the asynchronous face in {@link AsyncTieredCache}.
 *
 * <p>Keying the memory tier by the rendered text (not the key object) costs one rendering per call, and buys exact
 * invalidation by pattern and by remote key message without rendering every entry, and keys without value
 * equality (arrays).
 */
final class TieredCache<K, V> implements Cache<K, V>, MonitoredCache {
    final CacheRuntime runtime;
    final String name;
    final Type valueType;
    final Class<?> rawType;
    final Duration ttl;
    /** The memory tier's entry bound. */
    private final long maximumSize;
    final CacheClock clock;
    final OperationCounters counters;
    final SharedTierAccess shared;
    final com.github.benmanes.caffeine.cache.Cache<String, CachedValue> l1;
    /** Whether the memory tier may be served, {@code null} without a bus that can tell. */
    private final io.cacheweave.runtime.tier.BusHealth health;
    /** {@code cacheweave.otel.memory-hit-spans}: tell observers of each memory-tier hit. */
    private final boolean hitSpans;
    /** Bumped by every removal of many entries (clear, pattern), so a load under way then does not store. */
    final AtomicLong epoch = new AtomicLong();
    /**
     * Bumped, per stripe of keys, by every put or removal of one key, so a read or load of that key under way then
     * does not store what it found; striped, so that steady puts of some keys do not stop the loads of the others.
     */
    private final AtomicLongArray versions = new AtomicLongArray(VERSION_STRIPES);
    private static final int VERSION_STRIPES = 1024;
    /** Memory-tier entries that expired, for {@link #cleanupExpired()}. */
    final AtomicLong l1Expired = new AtomicLong();
    final int hashThreshold;
    private final HitCounter hits;
    final CacheLoads<K, V> loads;
    final CacheSweeps sweeps;
    private final CacheWrites writes;
    private final AsyncTieredCache<K, V> async;

    TieredCache(CacheRuntime runtime, String name, Type valueType, Duration ttl, long maximumSize) {
        this.runtime = runtime;
        this.maximumSize = maximumSize;
        this.name = name;
        this.valueType = valueType;
        this.rawType = CacheArguments.rawType(valueType);
        this.ttl = ttl;
        this.clock = runtime.clock();
        this.counters = runtime.counters(name);
        this.hits = counters.hitCounter();
        this.shared = runtime.sharedTier();
        this.hashThreshold = runtime.settings().core().keyHashThreshold();
        this.health = runtime.busHealth();
        this.hitSpans = runtime.settings().telemetry().otelMemoryHitSpans();
        // with a shared tier, cacheweave.l1.ttl bounds how long this node trusts its copy
        long l1Bound = shared == null ? Long.MAX_VALUE
                : runtime.settings().memory().ttl().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.l1 = EntryDeadlines.memoryTier(clock, maximumSize, runtime.settings().memory().maxBytes(), l1Bound,
                counters,
                l1Expired);
        this.loads = new CacheLoads<>(this, runtime.settings().core().singleFlightMaxWait().toNanos());
        this.sweeps = new CacheSweeps(this, runtime.settings().core().keysLimit());
        this.writes = new CacheWrites(this);
        this.async = new AsyncTieredCache<>(this, runtime.asyncExecutor());
        runtime.monitored(this);
    }

    @Override
    public String operation() {
        return name;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public io.cacheweave.runtime.stats.MonitorSnapshot.MemoryFill memoryFill() {
        return io.cacheweave.runtime.stats.MemoryEstimator.fill(l1, maximumSize);
    }

    @Override
    public void reportSampledHits() {
        // a sampled hit goes to the sketch as it happens (see read); nothing is kept to hand over
    }

    @Override
    public String name() {
        return name;
    }

    String render(Object key) {
        return CacheArguments.render(key, hashThreshold);
    }

    /** @return the version of the key's stripe, read before a read or load of it */
    long version(String rendered) {
        return versions.get(stripe(rendered));
    }

    /** Marks a key as written or removed; called before the memory tier changes. */
    void touch(String rendered) {
        versions.incrementAndGet(stripe(rendered));
    }

    private static int stripe(String rendered) {
        int h = rendered.hashCode();
        return (h ^ (h >>> 16)) & (VERSION_STRIPES - 1);
    }

    /**
     * Puts what a read or load found into the memory tier, unless the key was put, removed or invalidated since
     * {@code at} and {@code version} were read. The version is checked under the entry's lock, and puts and deletes
     * bump it before they change the entry, so a newer value is never overwritten; a clear or pattern invalidation
     * that began meanwhile may have passed the entry by, so it is removed again then.
     *
     * @return whether the entry stays
     */
    boolean keep(String rendered, CachedValue entry, long at, long version) {
        boolean[] kept = new boolean[1];
        l1.asMap().compute(rendered, (k, old) -> {
            kept[0] = at == epoch.get() && version == version(k);
            return kept[0] ? entry : old;
        });
        if (kept[0] && at != epoch.get()) {
            l1.asMap().remove(rendered, entry);
            return false;
        }
        return kept[0];
    }

    String logicalKey(String rendered) {
        return name + ":" + rendered;
    }

    /**
     * @return the live memory-tier entry, or {@code null}; also {@code null} while the invalidation bus is not known
     *     healthy (see {@link io.cacheweave.runtime.tier.BusHealth}), so the caller reads the shared tier instead
     */
    CachedValue inMemory(String rendered) {
        CachedValue v = l1.getIfPresent(rendered);
        if (v == null || v.deadline() - clock.nanos() <= 0) {
            return null;
        }
        if (health != null && !health.servesMemoryTier()) {
            health.bypassed();
            return null;
        }
        if (hitSpans) {
            counters.memoryHit(() -> logicalKey(rendered));
        }
        return v;
    }

    /** @return the value from the memory tier, else from the shared tier (promoted), else {@code null} */
    @SuppressWarnings("unchecked")
    V read(String rendered) {
        CachedValue v = inMemory(rendered);
        if (v != null) {
            if (hits.incrementSampled() && counters.detail() != null) { // for the top keys, as MethodCache does
                counters.accessed(logicalKey(rendered), HitCounter.SAMPLE_INTERVAL);
            }
            return (V) v.value();
        }
        String logical = logicalKey(rendered);
        counters.accessed(logical, 1); // every miss: it costs a shared read or a load anyway
        if (shared != null) {
            long at = epoch.get();
            long version = version(rendered);
            SharedTierAccess.Found found = shared.find(name, logical, valueType, SharedTierAccess.NO_ABSENT_RESULTS, counters,
                    true);
            if (found != null && rawType.isInstance(found.value())) {
                keep(rendered, promoted(found), at, version);
                return (V) found.value();
            }
        }
        counters.miss();
        return null;
    }

    private CachedValue promoted(SharedTierAccess.Found found) {
        long left = found.remainingMillis() < 0 ? ttl.toMillis() : found.remainingMillis();
        return new CachedValue(found.value(), clock.nanos() + left * 1_000_000L);
    }

    @Override
    public V get(K key) {
        return read(render(key));
    }

    @Override
    public void put(K key, V value) {
        put(key, value, ttl);
    }

    @Override
    public void put(K key, V value, Duration entryTtl) {
        runNow(prepare(key, value, entryTtl));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries, Duration entryTtl) {
        runNow(prepareAll(entries, entryTtl));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        putAll(entries, ttl);
    }

    private static void runNow(Runnable sharedWork) {
        if (sharedWork != null) {
            sharedWork.run();
        }
    }

    /** Checks, encodes and stores in memory one entry. @return the shared-tier work still to do, or null */
    Runnable prepare(K key, V value, Duration entryTtl) {
        return writes.store(Map.of(render(key), CacheArguments.requireValue(value, rawType, "value")),
                CacheArguments.requireTtl(entryTtl, "ttl"));
    }

    /** As {@link #prepare} for several entries: any bad one, and nothing is stored. */
    Runnable prepareAll(Map<? extends K, ? extends V> entries, Duration entryTtl) {
        if (entries == null) {
            throw new IllegalArgumentException("entries must not be null");
        }
        CacheArguments.requireTtl(entryTtl, "ttl");
        Map<String, Object> byRendered = new LinkedHashMap<>();
        entries.forEach((k, v) -> byRendered.put(render(k), CacheArguments.requireValue(v, rawType,
                "value of " + k)));
        return writes.store(byRendered, entryTtl);
    }

    @Override
    public boolean delete(K key) {
        String rendered = render(key);
        touch(rendered);
        CachedValue removed = l1.asMap().remove(rendered);
        boolean found = removed != null && removed.deadline() - clock.nanos() > 0;
        if (shared != null) {
            String logical = logicalKey(rendered);
            found |= shared.deleteKeys(name, List.of(logical)) > 0;
            runtime.publish(Invalidation.Kind.PATTERN, CacheArguments.escapeGlob(logical));
        }
        return found;
    }

    @Override
    public boolean exists(K key) {
        String rendered = render(key);
        return inMemory(rendered) != null
                || (shared != null && shared.remainingMillis(name, logicalKey(rendered)) != SharedTier.ABSENT);
    }

    /** The shared tier answers first (another node may have extended the entry); the memory tier when it cannot. */
    @Override
    public Optional<Duration> remainingTtl(K key) {
        String rendered = render(key);
        if (shared != null) {
            long left = shared.remainingMillis(name, logicalKey(rendered));
            if (left == SharedTier.NO_EXPIRY) {
                return Optional.of(ChronoUnit.FOREVER.getDuration());
            } else if (left != SharedTier.ABSENT) {
                return Optional.of(Duration.ofMillis(left));
            }
        }
        CachedValue v = inMemory(rendered);
        return v == null ? Optional.empty() : Optional.of(Duration.ofNanos(v.deadline() - clock.nanos()));
    }

    @Override
    public boolean extendTtl(K key, long seconds) {
        String rendered = render(key);
        if (seconds <= 0) {
            throw new IllegalArgumentException("seconds must be positive: " + seconds);
        }
        Duration extra = Duration.ofSeconds(seconds);
        boolean[] inMemory = new boolean[1];
        l1.asMap().computeIfPresent(rendered, (k, v) -> {
            if (v.deadline() - clock.nanos() <= 0) {
                return v;
            }
            inMemory[0] = true;
            return new CachedValue(v.value(), v.deadline() + extra.toNanos());
        });
        boolean inShared = shared != null && shared.extendTtl(name, logicalKey(rendered), extra);
        return inMemory[0] || inShared;
    }

    @Override
    public V getOrLoad(K key, Function<? super K, ? extends V> loader, Duration entryTtl) {
        return loads.getOrLoad(key, loader, entryTtl);
    }

    @Override
    public V getOrLoad(K key, Function<? super K, ? extends V> loader) {
        return loads.getOrLoad(key, loader, ttl);
    }

    @Override
    public Map<K, V> getAll(Collection<? extends K> keys) {
        Map<String, K> byRendered = renderAll(keys);
        Map<K, V> found = new LinkedHashMap<>();
        List<String> missing = fromMemory(byRendered, found);
        fromShared(byRendered, missing, found);
        return found;
    }

    /** @return the keys by their rendering, in order; checks every key */
    Map<String, K> renderAll(Collection<? extends K> keys) {
        if (keys == null) {
            throw new IllegalArgumentException("keys must not be null");
        }
        Map<String, K> byRendered = new LinkedHashMap<>();
        for (K key : keys) {
            byRendered.put(render(key), key);
        }
        return byRendered;
    }

    /** One pass over the memory tier. @return the renderings not found there */
    @SuppressWarnings("unchecked")
    List<String> fromMemory(Map<String, K> byRendered, Map<K, V> found) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, K> e : byRendered.entrySet()) {
            CachedValue v = inMemory(e.getKey());
            if (v != null) {
                hits.increment();
                found.put(e.getValue(), (V) v.value());
            } else {
                missing.add(e.getKey());
            }
        }
        return missing;
    }

    /** One pipelined round trip to the shared tier for the keys the memory tier did not have; promotes hits. */
    @SuppressWarnings("unchecked")
    void fromShared(Map<String, K> byRendered, List<String> missing, Map<K, V> found) {
        if (shared == null || missing.isEmpty()) {
            missing.forEach(k -> counters.miss());
            return;
        }
        long at = epoch.get();
        long[] versions = new long[missing.size()];
        for (int i = 0; i < versions.length; i++) {
            versions[i] = version(missing.get(i));
        }
        List<String> logical = missing.stream().map(this::logicalKey).toList();
        Map<String, SharedTierAccess.Found> stored = shared.findAll(name, logical, valueType, counters);
        for (int i = 0; i < versions.length; i++) {
            String rendered = missing.get(i);
            SharedTierAccess.Found f = stored.get(logicalKey(rendered));
            if (f != null && rawType.isInstance(f.value())) {
                keep(rendered, promoted(f), at, versions[i]);
                found.put(byRendered.get(rendered), (V) f.value());
            } else {
                counters.miss();
            }
        }
    }

    @Override
    public long clear() {
        return sweeps.clear("clear");
    }

    @Override
    public long clear(String context) {
        return sweeps.clear(context);
    }

    @Override
    public long cleanupExpired() {
        return sweeps.cleanupExpired();
    }

    @Override
    public long cleanUpExpired() {
        return sweeps.cleanupExpired();
    }

    @Override
    public List<String> keys(String prefix) {
        return sweeps.keys(prefix);
    }

    @Override
    public long invalidatePattern(String pattern, String context) {
        return sweeps.invalidatePattern(pattern, context);
    }

    @Override
    public AsyncCache<K, V> async() {
        return async;
    }

    @Override
    public String toString() {
        return "Cache{" + name + ", " + valueType.getTypeName() + ", ttl " + ttl + "}";
    }
}
