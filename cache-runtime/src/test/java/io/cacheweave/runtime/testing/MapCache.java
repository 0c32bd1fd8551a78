package io.cacheweave.runtime.testing;

import io.cacheweave.runtime.AsyncCache;
import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.key.GlobPattern;
import io.cacheweave.runtime.key.KeyWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A TEST DOUBLE of {@link Cache}, not the engine: one map of entries, keyed by the key rendered the way the contract
 * says ({@code KeyWriter.forKey(threshold).value(key)}, one key part), with expiry read from a {@link ManualClock}
 * and per-key single-flight in {@link #getOrLoad}. It has no tiers, codec or invalidation bus. The faces are built
 * on the {@code Cache} interface only; this double lets their unit tests run before the engine's implementation is
 * merged, and {@link #failing} makes every operation throw, to test that the faces keep cache failures from their
 * callers (the real engine promises not to throw, so this is a harsher cache than the real one).
 */
public class MapCache<K, V> implements Cache<K, V> {

    private record Entry<K, V>(K key, V value, long expiresAt) {
    }

    private final String name;
    private final ManualClock clock;
    private final Duration defaultTtl;
    private final int hashThreshold;
    private final Map<String, Entry<K, V>> entries = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<V>> flights = new ConcurrentHashMap<>();

    /** When set, every operation throws {@link IllegalStateException}, after checking its arguments. */
    public volatile boolean failing;
    /** Calls of {@link #getAll}. */
    public final AtomicInteger getAllCalls = new AtomicInteger();
    /** Calls of {@link #putAll}. */
    public final AtomicInteger putAllCalls = new AtomicInteger();
    /** Each {@link #invalidatePattern} call: {@code "<pattern> (<context>)"}. */
    public final List<String> invalidations = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param name the cache's name
     * @param clock expiry's time source
     * @param defaultTtl TTL of {@code put(key, value)} and {@code getOrLoad(key, loader)}
     * @param hashThreshold {@code cacheweave.key.hash-threshold} of the keys' rendering
     */
    public MapCache(String name, ManualClock clock, Duration defaultTtl, int hashThreshold) {
        this.name = name;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.hashThreshold = hashThreshold;
    }

    /** @param key a key @return the rendered key, as the engine renders it: escaped, long text hashed */
    public String render(K key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        String rendered = KeyWriter.forKey(hashThreshold).value(key).toString();
        if (rendered.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty: \"\"");
        }
        return rendered;
    }

    /** @return every rendered key held, expired or not */
    public List<String> renderedKeys() {
        return new ArrayList<>(entries.keySet());
    }

    private void checkWorking() {
        if (failing) {
            throw new IllegalStateException("test double told to fail");
        }
    }

    private Entry<K, V> live(String rendered) {
        Entry<K, V> e = entries.get(rendered);
        return e != null && e.expiresAt - clock.nanos() > 0 ? e : null;
    }

    private static long positiveNanos(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        return ttl.toNanos();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public V get(K key) {
        String r = render(key);
        checkWorking();
        Entry<K, V> e = live(r);
        return e == null ? null : e.value;
    }

    @Override
    public void put(K key, V value) {
        put(key, value, defaultTtl);
    }

    @Override
    public void put(K key, V value, Duration ttl) {
        String r = render(key);
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        long nanos = positiveNanos(ttl);
        checkWorking();
        entries.put(r, new Entry<>(key, value, clock.nanos() + nanos));
    }

    @Override
    public boolean delete(K key) {
        String r = render(key);
        checkWorking();
        return entries.remove(r) != null;
    }

    @Override
    public boolean exists(K key) {
        return get(key) != null;
    }

    @Override
    public Optional<Duration> remainingTtl(K key) {
        String r = render(key);
        checkWorking();
        Entry<K, V> e = live(r);
        return e == null ? Optional.empty() : Optional.of(Duration.ofNanos(e.expiresAt - clock.nanos()));
    }

    @Override
    public boolean extendTtl(K key, long seconds) {
        String r = render(key);
        if (seconds <= 0) {
            throw new IllegalArgumentException("seconds must be positive: " + seconds);
        }
        checkWorking();
        Entry<K, V> e = live(r);
        return e != null && entries.replace(r, e, new Entry<>(e.key, e.value, e.expiresAt + seconds * 1_000_000_000L));
    }

    @Override
    public long clear() {
        checkWorking();
        long n = entries.size();
        entries.clear();
        return n;
    }

    @Override
    public long cleanupExpired() {
        checkWorking();
        long before = entries.size();
        entries.values().removeIf(e -> e.expiresAt - clock.nanos() <= 0);
        return before - entries.size();
    }

    @Override
    public List<String> keys(String prefix) {
        checkWorking();
        String rendered = KeyWriter.forKey(Integer.MAX_VALUE).value(prefix).toString();
        return entries.keySet().stream().filter(k -> k.startsWith(rendered) && live(k) != null)
                .map(k -> k.replaceAll("\\\\([\\\\:*?\\[\\](),=])", "$1")).sorted().toList();
    }

    @Override
    public V getOrLoad(K key, Function<? super K, ? extends V> loader, Duration ttl) {
        String r = render(key);
        positiveNanos(ttl);
        checkWorking();
        Entry<K, V> e = live(r);
        if (e != null) {
            return e.value;
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> other = flights.putIfAbsent(r, mine);
        if (other != null) {
            try {
                return other.join();
            } catch (CompletionException ex) {
                throw ex.getCause() instanceof RuntimeException re ? re : ex;
            }
        }
        try {
            Entry<K, V> again = live(r);
            V value = again != null ? again.value : loader.apply(key);
            if (again == null && value != null) {
                put(key, value, ttl);
            }
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            flights.remove(r, mine);
        }
    }

    @Override
    public V getOrLoad(K key, Function<? super K, ? extends V> loader) {
        return getOrLoad(key, loader, defaultTtl);
    }

    @Override
    public Map<K, V> getAll(Collection<? extends K> keys) {
        getAllCalls.incrementAndGet();
        checkWorking();
        Map<K, V> found = new LinkedHashMap<>();
        for (K key : keys) {
            Entry<K, V> e = live(render(key));
            if (e != null) {
                found.put(key, e.value);
            }
        }
        return found;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        putAll(map, defaultTtl);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map, Duration ttl) {
        putAllCalls.incrementAndGet();
        checkWorking();
        map.forEach((k, v) -> put(k, v, ttl));
    }

    @Override
    public long invalidatePattern(String pattern, String context) {
        checkWorking();
        invalidations.add(pattern + " (" + context + ")");
        GlobPattern glob = GlobPattern.compile(pattern);
        long before = entries.size();
        entries.keySet().removeIf(glob::matches);
        return before - entries.size();
    }

    @Override
    public AsyncCache<K, V> async() {
        throw new UnsupportedOperationException("the test double has no asynchronous face; the faces do not use it");
    }
}
