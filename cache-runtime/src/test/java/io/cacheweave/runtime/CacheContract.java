package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every operation of the synchronous {@link Cache} face, run against each configuration of tiers. */
abstract class CacheContract extends CacheFixture {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void get_absent_null() {
        assertNull(cache.get("nobody"));
        assertFalse(cache.exists("nobody"));
        assertEquals(Optional.empty(), cache.remainingTtl("nobody"));
    }

    @Test
    void put_get_roundTrip_keyTextEscaped() {
        cache.put("user:1", note("hello"));
        cache.put("user*", note("star"));
        assertEquals(note("hello"), cache.get("user:1"));
        assertEquals(note("star"), cache.get("user*"));
        assertNull(cache.get("user"));
        assertEquals(List.of("user*", "user:1"), cache.keys("user"), "keys as written");
        assertEquals(List.of("user:1"), cache.keys("user:"), "a prefix as written, as seed 000's get_cache_keys");
    }

    @Test
    void put_defaultTtl_fromBuilder_andPerPutTtl() {
        cache.put("a", note("a"));
        cache.put("b", note("b"), Duration.ofSeconds(30));
        Duration a = cache.remainingTtl("a").orElseThrow();
        Duration b = cache.remainingTtl("b").orElseThrow();
        assertTrue(a.compareTo(Duration.ofMinutes(10).minusSeconds(5)) > 0 && a.compareTo(Duration.ofMinutes(10)) <= 0,
                a.toString());
        assertTrue(b.compareTo(Duration.ofSeconds(25)) > 0 && b.compareTo(Duration.ofSeconds(30)) <= 0, b.toString());
    }

    @Test
    void put_expires_afterItsTtl() throws InterruptedException {
        cache.put("short", note("s"), SHORT);
        cache.put("long", note("l"));
        assertTrue(cache.exists("short"));
        elapse(SHORT.plusMillis(50));
        assertNull(cache.get("short"));
        assertFalse(cache.exists("short"));
        assertEquals(Optional.empty(), cache.remainingTtl("short"));
        assertEquals(note("l"), cache.get("long"));
    }

    @Test
    void delete_presentThenAbsent() {
        cache.put("k", note("v"));
        assertTrue(cache.delete("k"));
        assertNull(cache.get("k"));
        assertFalse(cache.delete("k"));
    }

    @Test
    void extendTtl_present_addsToWhatIsLeft() {
        cache.put("k", note("v"), Duration.ofSeconds(60));
        assertTrue(cache.extendTtl("k", 30));
        Duration left = cache.remainingTtl("k").orElseThrow();
        assertTrue(left.compareTo(Duration.ofSeconds(85)) > 0 && left.compareTo(Duration.ofSeconds(90)) <= 0,
                left.toString());
        assertEquals(note("v"), cache.get("k"));
    }

    @Test
    void extendTtl_absentOrExpired_false() throws InterruptedException {
        assertFalse(cache.extendTtl("absent", 30));
        cache.put("k", note("v"), SHORT);
        elapse(SHORT.plusMillis(50));
        assertFalse(cache.extendTtl("k", 30));
        assertNull(cache.get("k"));
    }

    @Test
    void keys_prefix_onlyLiveEntries_sorted() throws InterruptedException {
        cache.put("user-2", note("2"));
        cache.put("user-1", note("1"));
        cache.put("order-1", note("o"));
        cache.put("user-gone", note("g"), SHORT);
        elapse(SHORT.plusMillis(50));
        assertEquals(List.of("user-1", "user-2"), cache.keys("user-"));
        assertEquals(List.of("order-1", "user-1", "user-2"), cache.keys(""));
    }

    @Test
    void cleanupExpired_countsExpiredEntries() throws InterruptedException {
        cache.put("a", note("a"), SHORT);
        cache.put("b", note("b"), SHORT);
        cache.put("c", note("c"));
        elapse(SHORT.plusMillis(50));
        assertEquals(2, cache.cleanupExpired());
        assertEquals(0, cache.cleanupExpired());
        assertEquals(List.of("c"), cache.keys(""));
    }

    @Test
    void clear_countsEntries_andEmptiesEveryTier() {
        cache.put("a", note("a"));
        cache.putAll(Map.of("b", note("b"), "c", note("c")), Duration.ofMinutes(1));
        assertEquals(3, cache.clear());
        assertNull(cache.get("a"));
        assertEquals(List.of(), cache.keys(""));
        assertEquals(0, cache.clear());
    }

    @Test
    void getAll_putAll_presentOnly() {
        cache.putAll(Map.of("a", note("a"), "b", note("b"), "c", note("c")), Duration.ofMinutes(1));
        Map<String, Note> found = cache.getAll(List.of("a", "b", "c", "absent"));
        assertEquals(Map.of("a", note("a"), "b", note("b"), "c", note("c")), found);
        assertEquals(Map.of(), cache.getAll(List.of()));
    }

    @Test
    void getOrLoad_missLoadsOnce_thenHit() {
        AtomicInteger loads = new AtomicInteger();
        Note first = cache.getOrLoad("k", k -> note(k + loads.incrementAndGet()));
        Note second = cache.getOrLoad("k", k -> note(k + loads.incrementAndGet()));
        assertEquals(note("k1"), first);
        assertEquals(first, second);
        assertEquals(1, loads.get());
        assertEquals(note("k1"), cache.get("k"));
        assertEquals(1, runtime.stats(name).orElseThrow().loads());
    }

    @Test
    void getOrLoad_nullResult_returnedNotStored() {
        assertNull(cache.getOrLoad("k", k -> null, Duration.ofMinutes(1)));
        assertFalse(cache.exists("k"));
    }

    @Test
    void getOrLoad_putOrDeleteOfTheKeyDuringTheLoad_winsOverTheLoadedValue() {
        assertEquals(note("loaded"), cache.getOrLoad("k", k -> {
            cache.put("k", note("put meanwhile"));
            return note("loaded");
        }));
        assertEquals(note("put meanwhile"), cache.get("k"));

        assertEquals(note("loaded"), cache.getOrLoad("gone", k -> {
            cache.delete("gone");
            return note("loaded");
        }));
        assertFalse(cache.exists("gone"), "a value loaded while its key was deleted is not stored");
    }

    @Test
    void getOrLoad_putsOfOtherKeysDuringTheLoad_doNotStopItsStore() {
        assertEquals(note("loaded"), cache.getOrLoad("k", k -> {
            for (int i = 0; i < 5; i++) {
                cache.put("other-" + i, note("o"));
            }
            return note("loaded");
        }));
        assertTrue(cache.exists("k"));
        assertEquals(note("loaded"), cache.get("k"));
    }

    @Test
    void getOrLoad_racingThreads_loadOnce() throws Exception {
        int threads = 8;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Note>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> cache.getOrLoad("hot", k -> {
                    loads.incrementAndGet();
                    await(release);
                    return note("loaded");
                })));
            }
            WovenCalls.awaitTrue(() -> loads.get() == 1
                    && runtime.stats(name).orElseThrow().singleFlightWaits() == threads - 1, "every thread waits");
            release.countDown();
            for (Future<Note> f : results) {
                assertEquals(note("loaded"), f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, loads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void getOrLoad_loaderThrows_callerAndWaitersGetIt_nothingStored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("model down");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Note> owner = pool.submit(() -> cache.getOrLoad("k", k -> {
                await(release);
                throw boom;
            }));
            WovenCalls.awaitTrue(() -> runtime.stats(name).orElseThrow().misses() >= 1, "the owner loads");
            Future<Note> waiter = pool.submit(() -> cache.getOrLoad("k", k -> note("second")));
            WovenCalls.awaitTrue(() -> runtime.stats(name).orElseThrow().singleFlightWaits() == 1, "waiter waits");
            release.countDown();
            assertSame(boom, cause(owner));
            assertSame(boom, cause(waiter));
            assertFalse(cache.exists("k"));
            assertEquals(1, runtime.stats(name).orElseThrow().loadFailures());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidatePattern_removesMatches_countsContext() {
        cache.put("a-1", note("1"));
        cache.put("a-2", note("2"));
        cache.put("b-1", note("3"));
        assertEquals(2, cache.invalidatePattern("a-*", "model updated"));
        assertNull(cache.get("a-1"));
        assertNull(cache.get("a-2"));
        assertEquals(note("3"), cache.get("b-1"));
        assertEquals(Map.of("model updated", 1L), runtime.invalidationContexts(name));
        cache.clear();
        assertEquals(Map.of("clear", 1L, "model updated", 1L), runtime.invalidationContexts(name));
        cache.put("c-1", note("c"));
        assertEquals(1, cache.clear("nightly reset"));
        assertNull(cache.get("c-1"));
        assertEquals(Map.of("clear", 1L, "model updated", 1L, "nightly reset", 1L),
                runtime.invalidationContexts(name));
        assertEquals(4, runtime.counters(name).invalidatedEntries());
    }

    @Test
    void runtimeInvalidation_byOperationAndPattern_reachesTheCache() {
        cache.put("a", note("a"));
        cache.put("b", note("b"));
        runtime.invalidatePattern(name + ":a");
        assertNull(cache.get("a"));
        assertEquals(note("b"), cache.get("b"));
        runtime.invalidateOperation(name);
        assertNull(cache.get("b"));
        cache.put("c", note("c"));
        runtime.invalidateAll();
        assertNull(cache.get("c"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable cause(Future<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }
}
