package io.cacheweave.runtime;

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
import java.util.function.Function;

/**
 * A programmatic {@link Cache}: the runtime's one engine ({@link CacheCore}, here keyed by the rendered key, with a
 * deadline per entry for per-put TTLs, see {@link EntryDeadlines}) in front of the runtime's shared tier through
 * {@link SharedTierAccess}, as woven methods use it. Writes are in {@link CacheWrites}, loads in {@link CacheLoads};
 * clearing, listing and pattern invalidation in {@link CacheSweeps}; the asynchronous view in
 * {@link AsyncProgrammaticCache}.
 *
 * <p>Keying the memory tier by the rendered text (not the key object) costs one rendering per call, and buys exact
 * invalidation by pattern and by remote key message without rendering every entry, and keys without value
 * equality (arrays).
 */
final class ProgrammaticCache<K, V> implements Cache<K, V>, MonitoredCache {
    final CacheRuntime runtime;
    final String name;
    final Type valueType;
    final Class<?> rawType;
    final Duration ttl;
    /** The engine: memory tier, single-flight, guards, shared tier, counters. */
    final CacheCore<String> core;
    /** Memory-tier entries that expired, for {@link #cleanupExpired()}. */
    final AtomicLong l1Expired = new AtomicLong();
    final int hashThreshold;
    final CacheLoads<K, V> loads;
    final CacheSweeps sweeps;
    private final CacheWrites writes;
    private final AsyncProgrammaticCache<K, V> async;

    ProgrammaticCache(CacheRuntime runtime, String name, Type valueType, Duration ttl, long maximumSize) {
        this.runtime = runtime;
        this.name = name;
        this.valueType = valueType;
        this.rawType = CacheArguments.rawType(valueType);
        this.ttl = ttl;
        this.hashThreshold = runtime.settings().core().keyHashThreshold();
        CacheClock clock = runtime.clock();
        OperationCounters counters = runtime.counters(name);
        SharedTierAccess shared = runtime.sharedTier();
        // with a shared tier, cacheweave.l1.ttl bounds how long this node trusts its copy
        long l1Bound = shared == null ? Long.MAX_VALUE
                : runtime.settings().memory().ttl().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.core = new CacheCore<>(name,
                EntryDeadlines.memoryTier(clock, maximumSize, runtime.settings().memory().maxBytes(), l1Bound, counters,
                        l1Expired),
                clock, counters, shared, runtime.busHealth(), runtime.settings().telemetry().otelMemoryHitSpans(),
                runtime.settings().core().singleFlightMaxWait().toNanos(), 0, Long.MAX_VALUE, maximumSize,
                rendered -> name + ":" + rendered);
        this.loads = new CacheLoads<>(this);
        this.sweeps = new CacheSweeps(this, runtime.settings().core().keysLimit());
        this.writes = new CacheWrites(this);
        this.async = new AsyncProgrammaticCache<>(this, runtime.asyncExecutor());
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
        return core.memoryFill();
    }

    @Override
    public void reportSampledHits() {
        core.reportSampledHits();
    }

    @Override
    public String name() {
        return name;
    }

    String render(Object key) {
        return CacheArguments.render(key, hashThreshold);
    }

    String logicalKey(String rendered) {
        return name + ":" + rendered;
    }

    /** @return the value from the memory tier (a counted hit), else from the shared tier (promoted), else {@code null} */
    @SuppressWarnings("unchecked")
    V read(String rendered) {
        MemoryEntry v = core.lookup(rendered);
        return v != null ? (V) v.value() : readThrough(rendered); // the miss out of line keeps the hit inlinable
    }

    /** The miss of {@link #read}: the shared tier (promoted), else {@code null}. */
    @SuppressWarnings("unchecked")
    private V readThrough(String rendered) {
        String logical = logicalKey(rendered);
        core.counters.accessed(logical, 1); // every miss: it costs a shared read or a load anyway
        if (core.shared != null) {
            long at = core.epoch.get();
            long version = core.version(rendered);
            MemoryEntry found = core.readShared(logical, valueType, rawType, SharedTierAccess.NO_ABSENT_RESULTS, ttl,
                    true);
            if (found != null) {
                core.keep(rendered, found, at, version);
                return (V) found.value();
            }
        }
        core.counters.miss();
        return null;
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
    public void put(K key, V value, Duration entryTtl, Collection<String> tags) {
        runNow(prepare(key, value, entryTtl, tags));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries, Duration entryTtl) {
        runNow(prepareAll(entries, entryTtl));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries, Duration entryTtl, Collection<String> tags) {
        runNow(prepareAll(entries, entryTtl, tags));
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
        return prepare(key, value, entryTtl, null);
    }

    /** As {@link #prepare(Object, Object, Duration)}, the entry carrying {@code tags} (null or empty: none). */
    Runnable prepare(K key, V value, Duration entryTtl, Collection<String> tags) {
        String rendered = render(key);
        Object checked = CacheArguments.requireValue(value, rawType, "value");
        CacheArguments.requireTtl(entryTtl, "ttl");
        return writes.store(Map.of(rendered, checked), entryTtl, StoredTags.require(tags));
    }

    /** As {@link #prepare} for several entries: any bad one, and nothing is stored. */
    Runnable prepareAll(Map<? extends K, ? extends V> entries, Duration entryTtl) {
        return prepareAll(entries, entryTtl, null);
    }

    /** As {@link #prepareAll(Map, Duration)}, every entry carrying {@code tags} (null or empty: none). */
    Runnable prepareAll(Map<? extends K, ? extends V> entries, Duration entryTtl, Collection<String> tags) {
        if (entries == null) {
            throw new IllegalArgumentException("entries must not be null");
        }
        CacheArguments.requireTtl(entryTtl, "ttl");
        String[] checkedTags = StoredTags.require(tags);
        Map<String, Object> byRendered = new LinkedHashMap<>();
        entries.forEach((k, v) -> byRendered.put(render(k), CacheArguments.requireValue(v, rawType,
                "value of " + k)));
        return writes.store(byRendered, entryTtl, checkedTags);
    }

    @Override
    public boolean delete(K key) {
        String rendered = render(key);
        MemoryEntry removed = core.remove(rendered);
        boolean found = removed != null && CacheCore.live(removed, core.clock.nanos());
        if (core.shared != null) {
            String logical = logicalKey(rendered);
            found |= core.shared.deleteKeys(name, List.of(logical)) > 0;
            runtime.publish(Invalidation.Kind.PATTERN, CacheArguments.escapeGlob(logical));
        }
        return found;
    }

    @Override
    public boolean exists(K key) {
        String rendered = render(key);
        return core.peek(rendered) != null
                || (core.shared != null && core.shared.remainingMillis(name, logicalKey(rendered)) != SharedTier.ABSENT);
    }

    /** The shared tier answers first (another node may have extended the entry); the memory tier when it cannot. */
    @Override
    public Optional<Duration> remainingTtl(K key) {
        String rendered = render(key);
        if (core.shared != null) {
            long left = core.shared.remainingMillis(name, logicalKey(rendered));
            if (left == SharedTier.NO_EXPIRY) {
                return Optional.of(ChronoUnit.FOREVER.getDuration());
            } else if (left != SharedTier.ABSENT) {
                return Optional.of(Duration.ofMillis(left));
            }
        }
        MemoryEntry v = core.peek(rendered);
        return v == null ? Optional.empty() : Optional.of(Duration.ofNanos(v.deadline() - core.clock.nanos()));
    }

    @Override
    public boolean extendTtl(K key, long seconds) {
        String rendered = render(key);
        if (seconds <= 0) {
            throw new IllegalArgumentException("seconds must be positive: " + seconds);
        }
        Duration extra = Duration.ofSeconds(seconds);
        boolean[] inMemory = new boolean[1];
        core.l1.asMap().computeIfPresent(rendered, (k, v) -> {
            if (!CacheCore.live(v, core.clock.nanos())) {
                return v;
            }
            inMemory[0] = true;
            return MemoryEntry.tagged(v.value(), v.deadline() + extra.toNanos(), v.tags); // its tags stay
        });
        boolean inShared = core.shared != null && core.shared.extendTtl(name, logicalKey(rendered), extra);
        return inMemory[0] || inShared;
    }

    @Override
    public V getOrLoad(K key, Function<? super K, ? extends V> loader, Duration entryTtl) {
        return loads.getOrLoad(key, loader, entryTtl, null);
    }

    @Override
    public V getOrLoad(K key, Function<? super K, ? extends V> loader, Duration entryTtl, Collection<String> tags) {
        return loads.getOrLoad(key, loader, entryTtl, StoredTags.require(tags));
    }

    @Override
    public V getOrLoad(K key, Function<? super K, ? extends V> loader) {
        return loads.getOrLoad(key, loader, ttl, null);
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
            MemoryEntry v = core.lookup(e.getKey());
            if (v != null) {
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
        if (core.shared == null || missing.isEmpty()) {
            missing.forEach(k -> core.counters.miss());
            return;
        }
        long at = core.epoch.get();
        long[] versions = new long[missing.size()];
        for (int i = 0; i < versions.length; i++) {
            versions[i] = core.version(missing.get(i));
        }
        List<String> logical = missing.stream().map(this::logicalKey).toList();
        Map<String, SharedTierAccess.Found> stored = core.shared.findAll(name, logical, valueType, core.counters);
        for (int i = 0; i < versions.length; i++) {
            String rendered = missing.get(i);
            SharedTierAccess.Found f = stored.get(logicalKey(rendered));
            MemoryEntry entry = f == null ? null : core.promoted(f, rawType, ttl);
            if (entry != null) {
                core.keep(rendered, entry, at, versions[i]);
                found.put(byRendered.get(rendered), (V) entry.value());
            } else {
                core.counters.miss();
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
