package io.cacheweave.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The asynchronous view of a {@link ProgrammaticCache}: here the asynchronous view is the view, the synchronous one the
 * engine.
 *
 * <p>Why this way round: the shared tiers are synchronous (a Redis command waits for its reply up to
 * {@code cacheweave.redis.timeout}; the file tier does blocking I/O). A synchronous view that waited on an
 * asynchronous engine would hand every shared-tier call to another thread and back, and would tie synchronous
 * callers to the size of that thread pool. Instead the synchronous view runs on the caller's thread, and this face
 * does on the caller's thread everything that cannot block (argument checks, key rendering, encoding, memory-tier
 * reads and writes), so a memory hit, and every call of a cache without a shared tier, completes at once; only the
 * shared-tier part runs on the runtime's bounded executor ({@code cacheweave.async.threads} threads and a bounded
 * queue; when the queue is full the caller runs the task itself, which slows a flood down instead of dropping it).
 * No call starts a thread of its own.
 *
 * <p>Bad arguments throw {@link IllegalArgumentException} from the call itself; a tier failure completes the future
 * normally (a miss, a skipped write), as in the synchronous view.
 */
final class AsyncProgrammaticCache<K, V> implements AsyncCache<K, V> {
    private final ProgrammaticCache<K, V> cache;
    private final Executor executor;

    AsyncProgrammaticCache(ProgrammaticCache<K, V> cache, Executor executor) {
        this.cache = cache;
        this.executor = task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) { // the runtime was closed
                task.run();
            }
        };
    }

    /**
     * @return {@code threads} daemon threads that end after 30 s idle, a queue of 1024 tasks per thread, and the
     *     caller running a task itself when the queue is full
     */
    static ExecutorService boundedExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024 * threads), task -> {
                    Thread t = new Thread(task, "cacheweave-async-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** @return {@code work}'s result, at once without a shared tier, else from the executor */
    private <T> CompletableFuture<T> shared(Supplier<T> work) {
        if (cache.core.shared == null) {
            return CompletableFuture.completedFuture(work.get());
        }
        return CompletableFuture.supplyAsync(work, executor);
    }

    private CompletableFuture<Void> sharedWork(Runnable work) {
        if (work == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(work, executor);
    }

    @Override
    public String name() {
        return cache.name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<V> get(K key) {
        String rendered = cache.render(key);
        MemoryEntry v = cache.core.lookup(rendered);
        if (v != null) {
            return CompletableFuture.completedFuture((V) v.value());
        }
        return shared(() -> cache.read(rendered));
    }

    @Override
    public CompletableFuture<Void> put(K key, V value) {
        return put(key, value, cache.ttl);
    }

    @Override
    public CompletableFuture<Void> put(K key, V value, Duration ttl) {
        return sharedWork(cache.prepare(key, value, ttl));
    }

    @Override
    public CompletableFuture<Void> put(K key, V value, Duration ttl, Collection<String> tags) {
        return sharedWork(cache.prepare(key, value, ttl, tags));
    }

    @Override
    public CompletableFuture<Boolean> delete(K key) {
        cache.render(key);
        return shared(() -> cache.delete(key));
    }

    @Override
    public CompletableFuture<Boolean> exists(K key) {
        String rendered = cache.render(key);
        if (cache.core.peek(rendered) != null) {
            return CompletableFuture.completedFuture(true);
        }
        return shared(() -> cache.exists(key));
    }

    @Override
    public CompletableFuture<Optional<Duration>> remainingTtl(K key) {
        cache.render(key);
        return shared(() -> cache.remainingTtl(key));
    }

    @Override
    public CompletableFuture<Boolean> extendTtl(K key, long seconds) {
        cache.render(key);
        if (seconds <= 0) {
            throw new IllegalArgumentException("seconds must be positive: " + seconds);
        }
        return shared(() -> cache.extendTtl(key, seconds));
    }

    @Override
    public CompletableFuture<Long> clear() {
        return shared(cache::clear);
    }

    @Override
    public CompletableFuture<Long> clear(String context) {
        return shared(() -> cache.clear(context));
    }

    @Override
    public CompletableFuture<Long> cleanupExpired() {
        return shared(cache::cleanupExpired);
    }

    @Override
    public CompletableFuture<List<String>> keys(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null");
        }
        return shared(() -> cache.keys(prefix));
    }

    @Override
    public CompletableFuture<V> getOrLoad(K key,
            Function<? super K, ? extends CompletableFuture<? extends V>> loader, Duration ttl) {
        return cache.loads.getOrLoadAsync(key, loader, ttl, null, executor);
    }

    @Override
    public CompletableFuture<V> getOrLoad(K key,
            Function<? super K, ? extends CompletableFuture<? extends V>> loader, Duration ttl,
            Collection<String> tags) {
        return cache.loads.getOrLoadAsync(key, loader, ttl, StoredTags.require(tags), executor);
    }

    @Override
    public CompletableFuture<Map<K, V>> getAll(Collection<? extends K> keys) {
        Map<String, K> byRendered = cache.renderAll(keys);
        Map<K, V> found = new LinkedHashMap<>();
        List<String> missing = cache.fromMemory(byRendered, found);
        if (missing.isEmpty() || cache.core.shared == null) {
            cache.fromShared(byRendered, missing, found); // counts the misses
            return CompletableFuture.completedFuture(found);
        }
        return CompletableFuture.supplyAsync(() -> {
            cache.fromShared(byRendered, missing, found);
            return found;
        }, executor);
    }

    @Override
    public CompletableFuture<Void> putAll(Map<? extends K, ? extends V> entries, Duration ttl) {
        return sharedWork(cache.prepareAll(entries, ttl));
    }

    @Override
    public CompletableFuture<Void> putAll(Map<? extends K, ? extends V> entries, Duration ttl,
            Collection<String> tags) {
        return sharedWork(cache.prepareAll(entries, ttl, tags));
    }

    @Override
    public CompletableFuture<Void> putAll(Map<? extends K, ? extends V> entries) {
        return putAll(entries, cache.ttl);
    }

    @Override
    public CompletableFuture<Long> invalidatePattern(String pattern, String context) {
        CacheSweeps.compile(cache.name, pattern);
        return shared(() -> cache.invalidatePattern(pattern, context));
    }

    @Override
    public Cache<K, V> synchronous() {
        return cache;
    }
}
