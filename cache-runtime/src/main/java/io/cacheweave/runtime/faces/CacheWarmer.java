package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Loads a set of keys into a {@link Cache} ahead of time, such as at start-up, and reports what it did. Thread-safe;
 * one warmer serves any number of caches and warm-ups.
 *
 * <p>A warm-up first reads every key in one {@link Cache#getAll} (one pipelined round trip to the shared tier), so
 * keys another node or an earlier run stored are left alone. It then loads the missing keys through
 * {@link Cache#getOrLoad(Object, Function, Duration)} on its own threads, at most {@code cacheweave.warmup.parallelism}
 * (4 by default) at a time, so a caller asking for a key being warmed shares its load instead of running it again.
 * A key whose loader throws or returns {@code null} is counted as failed and the others go on. The call returns when
 * every key has an outcome; the summary is logged at INFO, and the first failure at WARN.
 *
 * <p>When the values are at hand already, {@link #warm(Cache, Map, Duration)} writes the missing ones with one
 * {@link Cache#putAll}.
 */
public final class CacheWarmer {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(CacheWarmer.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int parallelism;

    private CacheWarmer(int parallelism) {
        if (parallelism <= 0) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** @param settings the runtime's settings @return a warmer with {@code cacheweave.warmup.parallelism} */
    public static CacheWarmer create(Settings settings) {
        return new CacheWarmer(Objects.requireNonNull(settings, "settings must not be null")
                .faces().warmupParallelism());
    }

    /** @param parallelism keys loaded at the same time, at most; positive @return a warmer */
    public static CacheWarmer withParallelism(int parallelism) {
        return new CacheWarmer(parallelism);
    }

    /** @return keys loaded at the same time, at most */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Loads every key the cache does not hold yet.
     *
     * @param cache the cache
     * @param keys the keys, none null; duplicates count once
     * @param loader computes one key's value
     * @param ttl time to live of each loaded value, positive
     * @param <K> the key type
     * @param <V> the value type
     * @return what was loaded, already present and failed, and how long it took
     */
    public <K, V> WarmUpReport<K> warm(Cache<K, V> cache, Collection<? extends K> keys,
            Function<? super K, ? extends V> loader, Duration ttl) {
        Objects.requireNonNull(cache, "cache must not be null");
        Objects.requireNonNull(loader, "loader must not be null");
        checkTtl(ttl);
        long start = System.nanoTime();
        Set<K> distinct = distinct(keys);
        Map<K, V> present = present(cache, distinct);
        List<K> missing = new ArrayList<>(distinct.size());
        for (K key : distinct) {
            if (!present.containsKey(key)) {
                missing.add(key);
            }
        }
        AtomicInteger loaded = new AtomicInteger();
        AtomicInteger raced = new AtomicInteger();
        Map<K, Throwable> failures = new ConcurrentHashMap<>();
        Set<K> finished = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> tasks = new ArrayList<>(missing.size());
        for (K key : missing) {
            tasks.add(() -> {
                try {
                    load(cache, key, loader, ttl, loaded, raced, failures);
                } finally {
                    finished.add(key);
                }
                return null;
            });
        }
        run(cache.name(), tasks);
        for (K key : missing) {
            if (!finished.contains(key)) { // the warm-up was interrupted before this key's task ran to its end
                failures.putIfAbsent(key, new InterruptedException("warm-up interrupted before this key loaded"));
            }
        }
        return report(cache, distinct.size(), loaded.get(), present.size() + raced.get(), failures, start);
    }

    /**
     * Writes the values whose keys the cache does not hold yet, in one {@link Cache#putAll}.
     *
     * @param cache the cache
     * @param values values by key, none null
     * @param ttl time to live of each, positive
     * @param <K> the key type
     * @param <V> the value type
     * @return what was written, already present and failed, and how long it took
     */
    public <K, V> WarmUpReport<K> warm(Cache<K, V> cache, Map<? extends K, ? extends V> values, Duration ttl) {
        Objects.requireNonNull(cache, "cache must not be null");
        Objects.requireNonNull(values, "values must not be null");
        checkTtl(ttl);
        long start = System.nanoTime();
        Set<K> distinct = distinct(values.keySet());
        Map<K, V> missing = new LinkedHashMap<>();
        Map<K, V> present = present(cache, distinct);
        for (Map.Entry<? extends K, ? extends V> e : values.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("values must not contain null: the value of " + e.getKey());
            }
            if (!present.containsKey(e.getKey())) {
                missing.put(e.getKey(), e.getValue());
            }
        }
        Map<K, Throwable> failures = new LinkedHashMap<>();
        int loaded = 0;
        if (!missing.isEmpty()) {
            try {
                cache.putAll(missing, ttl);
                loaded = missing.size();
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                missing.keySet().forEach(k -> failures.put(k, e));
            }
        }
        return report(cache, distinct.size(), loaded, present.size(), failures, start);
    }

    private static <K, V> void load(Cache<K, V> cache, K key, Function<? super K, ? extends V> loader, Duration ttl,
            AtomicInteger loaded, AtomicInteger raced, Map<K, Throwable> failures) {
        AtomicBoolean ran = new AtomicBoolean();
        try {
            V value = cache.getOrLoad(key, k -> {
                ran.set(true);
                return loader.apply(k);
            }, ttl);
            if (!ran.get()) {
                raced.incrementAndGet(); // another caller loaded or stored it since getAll
            } else if (value == null) {
                failures.put(key, new IllegalStateException("loader returned null for " + key + "; not stored"));
            } else {
                loaded.incrementAndGet();
            }
        } catch (RuntimeException | Error e) {
            failures.put(key, e);
        }
    }

    private void run(String cacheName, List<Callable<Void>> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        int threads = Math.min(parallelism, tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads(cacheName));
        boolean interrupted = false;
        try {
            pool.invokeAll(tasks);
        } catch (InterruptedException e) {
            interrupted = true;
            LOG.warn("warm-up of cache {} interrupted; keys not loaded yet are reported as failed", cacheName);
        }
        pool.shutdownNow();
        try {
            // Give interrupted loads a moment to record their outcome before the report is made.
            pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String cacheName) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cacheweave-warm-up-" + pool + "-" + n.incrementAndGet() + "-" + cacheName);
            t.setDaemon(true);
            return t;
        };
    }

    private static <K> Set<K> distinct(Collection<? extends K> keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        Set<K> distinct = new LinkedHashSet<>(keys.size());
        for (K key : keys) {
            if (key == null) {
                throw new IllegalArgumentException("keys must not contain null");
            }
            distinct.add(key);
        }
        return distinct;
    }

    private static <K, V> Map<K, V> present(Cache<K, V> cache, Set<K> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        try {
            return cache.getAll(keys);
        } catch (RuntimeException e) { // the cache failed: treat every key as missing, loading still helps
            LOG.warn("warm-up of cache {}: reading the keys failed, loading all of them: {}", cache.name(),
                    e.toString());
            return Map.of();
        }
    }

    private static void checkTtl(Duration ttl) {
        if (ttl == null) {
            throw new IllegalArgumentException("ttl must not be null");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
    }

    private static <K> WarmUpReport<K> report(Cache<?, ?> cache, int requested, int loaded, int present,
            Map<K, Throwable> outcomes, long start) {
        Map<K, Throwable> failures = new LinkedHashMap<>(outcomes); // a snapshot: counted and reported alike
        WarmUpReport<K> report = new WarmUpReport<>(cache.name(), requested, loaded, present, failures.size(),
                Duration.ofNanos(System.nanoTime() - start), failures);
        LOG.info("{}", report);
        if (!failures.isEmpty()) {
            Map.Entry<K, Throwable> first = failures.entrySet().iterator().next();
            LOG.warn("warm-up of cache {}: {} keys failed, such as {}", cache.name(), failures.size(), first.getKey(),
                    first.getValue());
        }
        return report;
    }
}
