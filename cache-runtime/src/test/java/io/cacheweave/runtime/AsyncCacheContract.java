package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every operation of the asynchronous {@link AsyncCache} face, run against each configuration of tiers. */
abstract class AsyncCacheContract extends CacheInputContract {

    private static <T> T done(CompletableFuture<T> f) {
        return f.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void async_everyOperation() {
        AsyncCache<String, Note> async = cache.async();
        assertSame(cache, async.synchronous());
        assertEquals(name, async.name());
        assertNull(done(async.get("k")));
        done(async.put("k", note("v")));
        done(async.put("short", note("s"), Duration.ofSeconds(30)));
        assertEquals(note("v"), done(async.get("k")));
        assertTrue(done(async.exists("k")));
        Duration left = done(async.remainingTtl("short")).orElseThrow();
        assertTrue(left.compareTo(Duration.ofSeconds(25)) > 0 && left.compareTo(Duration.ofSeconds(30)) <= 0);
        assertTrue(done(async.extendTtl("short", 30)));
        assertTrue(done(async.remainingTtl("short")).orElseThrow().compareTo(Duration.ofSeconds(55)) > 0);
        done(async.putAll(Map.of("a-1", note("1"), "a-2", note("2")), Duration.ofMinutes(1)));
        assertEquals(Map.of("a-1", note("1"), "k", note("v")), done(async.getAll(List.of("a-1", "k", "absent"))));
        assertEquals(List.of("a-1", "a-2"), done(async.keys("a-")));
        assertEquals(2L, done(async.invalidatePattern("a-*", "async")));
        assertTrue(done(async.delete("k")));
        assertFalse(done(async.exists("k")));
        assertEquals(Optional.empty(), done(async.remainingTtl("k")));
        assertEquals(0L, done(async.cleanupExpired()));
        done(async.put("again", note("a")));
        assertEquals(2L, done(async.clear("async reset")), "short and again");
        assertEquals(Map.of("async", 1L, "async reset", 1L), runtime.invalidationContexts(name));
        done(async.put("k", note("v")));
        assertEquals(1L, done(async.clear()));
        assertEquals(List.of(), done(async.keys("")));
    }

    @Test
    void async_memoryHit_completesAtOnce() {
        cache.put("k", note("v"));
        assertEquals(note("v"), cache.get("k")); // in this node's memory tier now
        CompletableFuture<Note> hit = cache.async().get("k");
        assertTrue(hit.isDone());
        assertEquals(note("v"), hit.join());
        assertTrue(cache.async().getOrLoad("k", k -> CompletableFuture.completedFuture(note("other")),
                Duration.ofMinutes(1)).isDone());
    }

    @Test
    void async_getOrLoad_callersShareOneLoad() {
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Note> slow = new CompletableFuture<>();
        AsyncCache<String, Note> async = cache.async();
        CompletableFuture<Note> first = async.getOrLoad("k", k -> {
            loads.incrementAndGet();
            return slow;
        }, Duration.ofMinutes(1));
        CompletableFuture<Note> second = async.getOrLoad("k", k -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture(note("second"));
        }, Duration.ofMinutes(1));
        second.cancel(true); // a caller's copy: the load goes on for the others
        assertTrue(waitFor(loads, 1), "the first loader runs");
        slow.complete(note("loaded"));
        assertEquals(note("loaded"), done(first));
        assertEquals(1, loads.get());
        assertEquals(note("loaded"), cache.get("k"));
    }

    @Test
    void getOrLoad_syncAndAsyncCallers_shareOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Note> syncCaller = CompletableFuture.supplyAsync(() -> cache.getOrLoad("s", k -> {
            loads.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return note("from sync");
        }));
        assertTrue(waitFor(loads, 1));
        CompletableFuture<Note> asyncCaller = cache.async().getOrLoad("s", k -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture(note("from async"));
        }, Duration.ofMinutes(1));
        release.countDown();
        assertEquals(note("from sync"), done(asyncCaller));
        assertEquals(note("from sync"), done(syncCaller));

        CompletableFuture<Note> slow = new CompletableFuture<>();
        CompletableFuture<Note> asyncFirst = cache.async().getOrLoad("a", k -> {
            loads.incrementAndGet();
            return slow;
        }, Duration.ofMinutes(1));
        assertTrue(waitFor(loads, 2));
        CompletableFuture<Note> syncSecond = CompletableFuture.supplyAsync(() -> cache.getOrLoad("a", k -> {
            loads.incrementAndGet();
            return note("second");
        }));
        WovenCalls.awaitTrue(() -> runtime.stats(name).orElseThrow().singleFlightWaits() >= 2, "sync caller waits");
        slow.complete(note("from async"));
        assertEquals(note("from async"), done(asyncFirst));
        assertEquals(note("from async"), done(syncSecond));
        assertEquals(2, loads.get());
    }

    @Test
    void async_getOrLoad_failure_reachesCallers_nothingStored() {
        IllegalStateException boom = new IllegalStateException("model down");
        CompletableFuture<Note> f = cache.async().getOrLoad("k", k -> CompletableFuture.failedFuture(boom),
                Duration.ofMinutes(1));
        CompletionException e = assertThrows(CompletionException.class, () -> done(f));
        assertSame(boom, e.getCause());
        assertFalse(cache.exists("k"));
    }

    @Test
    void async_badInput_failsTheCallItself() {
        AsyncCache<String, Note> async = cache.async();
        assertThrows(IllegalArgumentException.class, () -> async.get(null));
        assertThrows(IllegalArgumentException.class, () -> async.put("", note("v")));
        assertThrows(IllegalArgumentException.class, () -> async.put("k", note("v"), Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> async.extendTtl("k", 0));
        assertThrows(IllegalArgumentException.class, () -> async.getOrLoad("k", null, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> async.invalidatePattern("[unclosed", null));
        assertFalse(cache.exists("k"));
    }

    private static boolean waitFor(AtomicInteger counter, int value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.get() < value) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
