package io.cacheweave.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Cache-aside loads of a {@link ProgrammaticCache} with single-flight per key across the threads of this JVM: the
 * synchronous view shares {@link Flight}s (as woven methods do), the asynchronous view shares futures, and each view
 * joins a load of the other already under way (a synchronous caller waits on the future, an asynchronous one waits
 * for the flight on the executor). A failure of
 * the cache never reaches the caller: the loader's value is returned and storing it is best effort. What the loader
 * throws reaches the caller and every waiter; nothing is stored then.
 */
final class CacheLoads<K, V> {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(CacheLoads.class);

    private final ProgrammaticCache<K, V> cache;
    /** The engine, whose flights the synchronous callers share. */
    private final CacheCore<String> core;
    private final long maxWaitNanos;
    /** The asynchronous callers' loads, by rendered key. */
    private final Map<String, Pending<V>> futures = new ConcurrentHashMap<>();

    /** The shared future of one asynchronous load, with the time it started. */
    private static final class Pending<V> extends CompletableFuture<V> {
        final long startNanos = System.nanoTime();
    }

    CacheLoads(ProgrammaticCache<K, V> cache) {
        this.cache = cache;
        this.core = cache.core;
        this.maxWaitNanos = core.maxWaitNanos;
    }

    @SuppressWarnings("unchecked")
    /** @param tags checked tags a loaded value carries ({@code null}: none) */
    V getOrLoad(K key, Function<? super K, ? extends V> loader, Duration ttl, String[] tags) {
        String rendered = cache.render(key);
        require(loader, ttl);
        Flight mine = null;
        Flight other = null;
        CompletableFuture<V> running;
        try {
            MemoryEntry hit = core.lookup(rendered);
            if (hit != null) {
                return (V) hit.value();
            }
            running = futures.get(rendered); // an asynchronous caller may be loading this key
            if (running == null) {
                mine = core.flight(rendered);
                other = core.claim(mine);
            }
            if (running == null && other == null) {
                V found = cache.read(rendered); // the memory tier once more, then the shared tier
                if (found != null) {
                    core.finish(mine, new MemoryEntry(found, MemoryEntry.NO_DEADLINE));
                    return found;
                }
                mine.pin = core.pin(cache.logicalKey(rendered), tags, mine.startNanos);
            }
        } catch (Throwable t) { // the cache failed (an Error too, such as a decode out of memory): the loader answers
            if (mine != null && other == null) {
                core.finish(mine, null); // waiters load for themselves, at once
            }
            LOG.warn("cacheweave: cache {} failed before a load of {}; loading without it", cache.name, rendered, t);
            return loader.apply(key);
        }
        if (running != null) {
            return awaitAsync(running, key, loader);
        }
        if (other != null) {
            return awaitOther(other, key, loader);
        }
        return load(mine, rendered, key, loader, ttl, tags);
    }

    private V awaitAsync(CompletableFuture<V> running, K key, Function<? super K, ? extends V> loader) {
        core.counters.singleFlightWait();
        try {
            return running.get(maxWaitNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw CacheLoads.<RuntimeException>sneaky(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            return loader.apply(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return loader.apply(key);
        }
    }

    @SuppressWarnings("unchecked")
    private V awaitOther(Flight other, K key, Function<? super K, ? extends V> loader) {
        MemoryEntry outcome = core.join(other);
        if (outcome == null) {
            return loader.apply(key); // its own key, waited too long, or the other load's cache failed: uncached
        }
        if (outcome.failure() != null) {
            throw CacheLoads.<RuntimeException>sneaky(outcome.failure());
        }
        return (V) outcome.value();
    }

    private V load(Flight mine, String rendered, K key, Function<? super K, ? extends V> loader, Duration ttl,
            String[] tags) {
        V value;
        try {
            value = loader.apply(key);
        } catch (Throwable t) {
            core.finish(mine, MemoryEntry.failed(t)); // first: counting must not keep the waiters waiting
            core.counters.loadFailed(System.nanoTime() - mine.startNanos);
            throw t;
        }
        try {
            core.counters.loaded(System.nanoTime() - mine.startNanos);
            store(rendered, value, ttl, tags, mine.epoch, mine.version, mine.pin);
        } catch (RuntimeException e) {
            LOG.warn("cacheweave: cache {} could not store a loaded value of {}", cache.name, rendered, e);
        } finally {
            core.finish(mine, new MemoryEntry(value, MemoryEntry.NO_DEADLINE));
        }
        return value;
    }

    /**
     * Stores a loaded value unless the entry was put, removed or invalidated since the load began (an invalidation
     * of one of its tags too: it bumps the epoch); best effort.
     *
     * @param tags checked tags the value carries ({@code null}: none)
     * @param pinned the generations to write with, read as the load began ({@code null}: read them now)
     */
    private void store(String rendered, Object value, Duration ttl, String[] tags, long epoch, long version,
            CacheCore.Pin pinned) {
        if (value == null || !cache.rawType.isInstance(value)
                || !core.keep(rendered, MemoryEntry.tagged(value, core.deadlineIn(ttl.toNanos()), tags), epoch,
                        version)
                || core.shared == null) {
            return;
        }
        byte[] bytes;
        try {
            bytes = core.shared.encode(value, cache.valueType, core.counters);
        } catch (RuntimeException e) {
            core.counters.encodeFailed();
            LOG.debug("cacheweave: a loaded value of {} cannot be encoded; kept in memory only", rendered, e);
            return;
        }
        if (tags != null) {
            bytes = core.withTags(pinned, tags, bytes);
            if (bytes == null) {
                return; // the tags' generations cannot be read: readers could not check them, so not written
            }
        }
        core.writeShared(rendered, cache.logicalKey(rendered), pinned, bytes, ttl, epoch, version);
    }

    /**
     * The asynchronous load: a memory hit completes at once; otherwise callers of one key share one future (each
     * gets a copy, so cancelling one does not cancel the load), the shared tier is read on {@code executor} and the
     * loader runs there after a miss.
     */
    @SuppressWarnings("unchecked")
    CompletableFuture<V> getOrLoadAsync(K key, Function<? super K, ? extends CompletableFuture<? extends V>> loader,
            Duration ttl, String[] tags, Executor executor) {
        String rendered = cache.render(key);
        require(loader, ttl);
        MemoryEntry hit = core.lookup(rendered);
        if (hit != null) {
            return CompletableFuture.completedFuture((V) hit.value());
        }
        Pending<V> promise = new Pending<>();
        Pending<V> running = futures.putIfAbsent(rendered, promise);
        if (running != null) {
            boolean young = System.nanoTime() - running.startNanos <= maxWaitNanos;
            if (young || !futures.replace(rendered, running, promise)) {
                core.counters.singleFlightWait();
                return running.copy();
            } // a load older than cacheweave.single-flight.max-wait is not joined: this caller loads anew
        }
        long epoch = core.epoch.get();
        long version = core.version(rendered);
        long start = System.nanoTime();
        Flight syncLoad = core.flights.get(rendered); // a synchronous caller is loading this key: share its outcome
        Runnable steps = () -> {
            if (syncLoad != null) {
                core.counters.singleFlightWait();
                MemoryEntry outcome = syncLoad.await(maxWaitNanos);
                if (outcome != null) {
                    finish(rendered, promise, (V) outcome.value(), outcome.failure());
                    return;
                }
            }
            V found = null;
            try {
                found = cache.read(rendered);
            } catch (Throwable e) { // an Error too, such as a decode out of memory: the loader still answers
                LOG.warn("cacheweave: cache {} failed before a load of {}; loading without it", cache.name, rendered,
                        e);
            }
            if (found != null) {
                finish(rendered, promise, found, null);
                return;
            }
            CacheCore.Pin pinned = core.pin(cache.logicalKey(rendered), tags, start);
            CompletableFuture<? extends V> loading;
            try {
                loading = loader.apply(key);
            } catch (Throwable t) {
                core.counters.loadFailed(System.nanoTime() - start);
                finish(rendered, promise, null, t);
                return;
            }
            if (loading == null) {
                finish(rendered, promise, null, null);
                return;
            }
            loading.whenCompleteAsync((value, failure) -> {
                try {
                    if (failure != null) {
                        core.counters.loadFailed(System.nanoTime() - start);
                    } else {
                        core.counters.loaded(System.nanoTime() - start);
                        store(rendered, value, ttl, tags, epoch, version, pinned);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("cacheweave: cache {} could not store a loaded value of {}", cache.name, rendered, e);
                } finally {
                    finish(rendered, promise, value, failure);
                }
            }, core.shared == null ? Runnable::run : executor);
        };
        // The shared future is completed on every path, so no caller of the key waits for a load that never ends.
        Runnable lookUpThenLoad = () -> {
            try {
                steps.run();
            } catch (Throwable t) {
                finish(rendered, promise, null, t);
            }
        };
        if (core.shared == null && syncLoad == null) {
            lookUpThenLoad.run(); // nothing blocks: the memory tier and the loader's own future
        } else {
            try {
                executor.execute(lookUpThenLoad);
            } catch (RuntimeException e) { // rejected: the runtime is closing
                finish(rendered, promise, null, e);
            }
        }
        return promise.copy();
    }

    private void finish(String rendered, Pending<V> promise, V value, Throwable failure) {
        futures.remove(rendered, promise);
        if (failure != null) {
            promise.completeExceptionally(failure instanceof java.util.concurrent.CompletionException c
                    && c.getCause() != null ? c.getCause() : failure);
        } else {
            promise.complete(value);
        }
    }

    private static void require(Object loader, Duration ttl) {
        if (loader == null) {
            throw new IllegalArgumentException("loader must not be null");
        }
        CacheArguments.requireTtl(ttl, "ttl");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
