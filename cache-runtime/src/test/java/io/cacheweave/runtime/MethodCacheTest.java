package io.cacheweave.runtime;

import static io.cacheweave.runtime.WovenCalls.attach;
import static io.cacheweave.runtime.WovenCalls.awaitTrue;
import static io.cacheweave.runtime.WovenCalls.call;
import static io.cacheweave.runtime.WovenCalls.isCached;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.Keys;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.woven.CachedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MethodCacheTest {

    private final ManualClock clock = new ManualClock();

    private CacheRuntime runtime(Settings settings) {
        return WovenCalls.runtime(settings, clock);
    }

    private CacheRuntime runtime() {
        return runtime(Settings.create());
    }

    private CacheRuntime lastRuntime;

    private MethodCache attachTracked(Settings settings, String operation, long ttl) {
        lastRuntime = runtime(settings);
        return attach(lastRuntime, operation, ttl);
    }

    /** The counters of the operation of {@code m}, in the runtime of the last {@link #attachTracked}. */
    private OperationStats statsOf(MethodCache m) {
        return lastRuntime.stats(m.operation()).orElseThrow();
    }

    @Test
    void enter_missGivesTokenThenHitAfterExit() {
        MethodCache m = attach(runtime(), "summarize", 60);
        Object token = m.enter("text");
        assertNotNull(token);
        assertFalse(token instanceof CachedValue, "a miss hands out a load token, not a value");
        m.exit(token, "summary", null);
        Object hit = m.enter("text");
        CachedValue v = assertInstanceOf(CachedValue.class, hit);
        assertEquals("summary", v.value());
        assertNull(v.failure());
    }

    @Test
    void call_secondCallDoesNotRunBody() throws Exception {
        MethodCache m = attach(runtime(), "summarize", 60);
        AtomicInteger runs = new AtomicInteger();
        assertEquals("s1", call(m, "text", () -> "s" + runs.incrementAndGet()));
        assertEquals("s1", call(m, "text", () -> "s" + runs.incrementAndGet()));
        assertEquals("s2", call(m, "other", () -> "s" + runs.incrementAndGet()));
        assertEquals(2, runs.get());
    }

    @Test
    void exit_nullResultNotStored() throws Exception {
        MethodCache m = attach(runtime(), "find", 60);
        AtomicInteger runs = new AtomicInteger();
        assertNull(call(m, "id", () -> {
            runs.incrementAndGet();
            return null;
        }));
        assertNull(call(m, "id", () -> {
            runs.incrementAndGet();
            return null;
        }));
        assertEquals(2, runs.get());
        assertEquals(0, m.size());
    }

    @Test
    void nullArgument_isAKeyLikeAnyOther() throws Exception {
        MethodCache m = attach(runtime(), "find", 60);
        assertEquals("for null", call(m, null, () -> "for null"));
        assertTrue(isCached(m, null));
        assertEquals("find:\\0", m.logicalKey(Keys.NULL));
    }

    @Test
    void exit_exceptionNotStoredAndHandedToWaiters() throws Exception {
        MethodCache m = attachTracked(Settings.create(), "flaky", 60);
        Object token = m.enter("k");
        assertFalse(token instanceof CachedValue);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Object> waiter = pool.submit(() -> m.enter("k"));
            awaitTrue(() -> statsOf(m).singleFlightWaits() == 1, "the second caller waits");
            IllegalStateException failure = new IllegalStateException("model unavailable");
            m.exit(token, null, failure);
            CachedValue handed = assertInstanceOf(CachedValue.class, waiter.get(10, TimeUnit.SECONDS));
            assertSame(failure, handed.failure());
        } finally {
            pool.shutdownNow();
        }
        assertFalse(isCached(m, "k"), "a failure is not stored");
        assertThrows(IllegalStateException.class, () -> call(m, "k", () -> {
            throw new IllegalStateException("again");
        }));
    }

    @Test
    void enter_32ThreadsOnOneColdKeyLoadOnce() throws Exception {
        MethodCache m = attachTracked(Settings.create(), "race", 60);
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    Object token = m.enter("cold");
                    if (token instanceof CachedValue v) {
                        return v.value();
                    }
                    loads.incrementAndGet();
                    // Hold the load until every other caller waits for it, so none of them can arrive late.
                    awaitTrue(() -> statsOf(m).singleFlightWaits() == threads - 1, "31 callers wait");
                    m.exit(token, "loaded once", null);
                    return "loaded once";
                }));
            }
            start.countDown();
            for (Future<Object> f : results) {
                assertEquals("loaded once", f.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, loads.get());
        OperationStats s = statsOf(m);
        assertEquals(threads, s.misses());
        assertEquals(threads - 1, s.singleFlightWaits());
        assertEquals(1, s.loads());
        assertEquals(0, s.hits());
        assertTrue(isCached(m, "cold"));
    }

    @Test
    void enter_waiterGivesUpAfterMaxWait() throws Exception {
        MethodCache m = attachTracked(Settings.builder()
                .core(c -> c.singleFlightMaxWait(Duration.ofMillis(20))).build(), "slow",
                60);
        Object token = m.enter("k");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertNull(pool.submit(() -> m.enter("k")).get(10, TimeUnit.SECONDS),
                    "after max-wait the caller runs the body uncached");
        } finally {
            pool.shutdownNow();
        }
        m.exit(token, "v", null);
        assertTrue(isCached(m, "k"));
    }

    @Test
    void enter_sameKeyReentrantInLoadingThreadRunsUncached() {
        MethodCache m = attach(runtime(), "recursive", 60);
        Object outer = m.enter("k");
        assertNull(m.enter("k"), "waiting for one's own load would deadlock");
        m.exit(outer, "v", null);
        assertInstanceOf(CachedValue.class, m.enter("k"));
    }

    @Test
    void ttl_expiresWithClock() throws Exception {
        MethodCache m = attachTracked(Settings.create(), "summarize", 60);
        call(m, "t", () -> "v");
        clock.advance(Duration.ofSeconds(59));
        assertTrue(isCached(m, "t"));
        clock.advance(Duration.ofSeconds(2));
        assertFalse(isCached(m, "t"));
    }

    @Test
    void ttl_operationSettingBeatsAnnotationBeatsDefault() throws Exception {
        Settings settings = Settings.builder().core(c -> c.defaultTtl(Duration.ofMinutes(30))
                .operationTtl("configured", Duration.ofSeconds(10))).build();
        CacheRuntime rt = runtime(settings);
        MethodCache configured = attach(rt, "configured", 3600);
        MethodCache annotated = attach(rt, "annotated", 120);
        MethodCache unset = attach(rt, "unset", -1);
        MethodCache zero = attach(rt, "zero", 0);
        assertEquals(Duration.ofSeconds(10), configured.ttl());
        assertEquals(Duration.ofSeconds(120), annotated.ttl());
        assertEquals(Duration.ofMinutes(30), unset.ttl());
        assertEquals(Duration.ofMinutes(30), zero.ttl());

        for (MethodCache m : List.of(configured, annotated, unset)) {
            call(m, "k", () -> "v");
        }
        clock.advance(Duration.ofSeconds(11));
        assertFalse(isCached(configured, "k"));
        assertTrue(isCached(annotated, "k"));
        clock.advance(Duration.ofSeconds(110));
        assertFalse(isCached(annotated, "k"));
        assertTrue(isCached(unset, "k"));
        clock.advance(Duration.ofMinutes(29));
        assertFalse(isCached(unset, "k"));
    }

    @Test
    void eviction_countedWhenMaxEntriesExceeded() throws Exception {
        MethodCache m = attachTracked(Settings.builder().memory(l1 -> l1.maxEntries(2)).build(), "bounded", 60);
        for (int i = 0; i < 5; i++) {
            int n = i;
            call(m, "k" + i, () -> "v" + n);
        }
        // Caffeine evicts on its maintenance thread: wait, bounded, for the count to settle.
        awaitTrue(() -> statsOf(m).evictions() == 3 && m.size() == 2, "3 evictions, 2 entries left");
        assertEquals(3, statsOf(m).evictions());
        assertEquals(0, statsOf(m).expirations());
    }

    @Test
    void disabled_everyCallRunsUncached() throws Exception {
        MethodCache m = attach(runtime(Settings.builder().core(c -> c.enabled(false)).build()), "off", 60);
        assertNull(m.enter("k"));
        AtomicInteger runs = new AtomicInteger();
        call(m, "k", runs::incrementAndGet);
        call(m, "k", runs::incrementAndGet);
        assertEquals(2, runs.get());
        assertEquals(0, m.size());
    }

    @Test
    void unbound_runsUncached() {
        MethodCache m = new MethodCache(WovenCalls.spec("loose", 60), new WovenCalls.ArgumentKeys());
        assertNull(m.enter("k"));
        m.exit(null, "v", null);
        m.exit("not a token", "v", null);
        assertEquals(0, m.size());
    }

    @Test
    void logicalKey_rendersOperationAndEscapedParts() {
        MethodCache m = attach(runtime(Settings.builder().core(c -> c.keyHashThreshold(5)).build()), "users", 60);
        assertEquals("users:a\\:b", m.logicalKey(m.keys.key("a:b")));
        assertEquals("users:x\\*:7", m.logicalKey(m.keys.key("x*", 7)));
        assertTrue(m.logicalKey(m.keys.key("longer than five")).startsWith("users:\\#"));
    }

    @Test
    void stats_exactForKnownSequence() throws Exception {
        MethodCache m = attachTracked(Settings.create(), "counted", 60);
        call(m, "a", () -> "A"); // miss, load
        call(m, "a", () -> "A"); // hit
        call(m, "a", () -> "A"); // hit
        assertThrows(IllegalStateException.class, () -> call(m, "b", () -> {
            throw new IllegalStateException("boom"); // miss, load failure
        }));
        call(m, "c", () -> null); // miss, load (of null: not stored)
        clock.advance(Duration.ofSeconds(61));
        call(m, "a", () -> "A"); // miss (expired), load
        lastRuntime.operation("counted"); // one invalidation
        OperationStats s = statsOf(m);
        assertEquals("counted", s.operation());
        assertEquals(2, s.hits());
        assertEquals(4, s.misses());
        assertEquals(3, s.loads());
        assertEquals(1, s.loadFailures());
        assertEquals(0, s.singleFlightWaits());
        assertEquals(0, s.evictions());
        assertEquals(1, s.invalidations());
        assertEquals(6, s.requests());
        assertEquals(2.0 / 6, s.hitRatio(), 1e-9);
        assertTrue(s.loadNanos() >= 0);
    }

    /**
     * A method's memory tier has no Caffeine expiry: its entries carry their deadlines. One past it is a miss at
     * once; the store that replaces it counts it as expired; a store at least one sweep interval after the last
     * sweep removes (and counts) every other expired entry; the periodic clean-up does the same.
     */
    @Test
    void expiredEntries_missAtOnce_thenReplacedOrSweptAndCounted() throws Exception {
        MethodCache m = attachTracked(Settings.create(), "swept", 60);
        AtomicInteger runs = new AtomicInteger();
        for (String key : List.of("a", "b", "c")) {
            call(m, key, () -> key + runs.incrementAndGet());
        }
        clock.advance(Duration.ofSeconds(59));
        assertTrue(isCached(m, "a"), "fresh one second before its deadline");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(isCached(m, "a"), "served not a nanosecond past its deadline");
        assertEquals(3, m.size(), "still held: nothing removed it yet");
        assertEquals(3, m.memoryFill().expiredEntries(), "the monitor sees them as expired");

        call(m, "a", () -> "a" + runs.incrementAndGet()); // replaces the expired entry, and the first sweep is due
        assertEquals(3, statsOf(m).expirations(), "a replaced, b and c swept");
        assertEquals(1, m.size());

        clock.advance(Duration.ofSeconds(MethodState.MIN_SWEEP_SECONDS));
        call(m, "d", () -> "d" + runs.incrementAndGet()); // no sweep due: the last was 10 s ago, the interval is 60 s
        assertEquals(2, m.size());
        clock.advance(Duration.ofSeconds(55)); // a expired (t0 + 120), d not (t0 + 130)
        call(m, "e", () -> "e" + runs.incrementAndGet()); // a sweep is due: a goes
        assertEquals(4, statsOf(m).expirations());
        assertFalse(isCached(m, "a"));
        assertTrue(isCached(m, "d"));
        assertEquals(2, m.size(), "d and e stay");

        clock.advance(Duration.ofSeconds(61));
        assertEquals(2, m.cleanUpExpired(), "the periodic clean-up removes what expired since");
        assertEquals(6, statsOf(m).expirations());
        assertEquals(0, m.size());
        assertEquals(6, runs.get());
    }

    /** A tier too large to sweep on a caller's thread is swept on the common pool, as completely. */
    @Test
    void expiredEntries_ofALargeTier_sweptInTheBackground() throws Exception {
        int entries = CacheCore.SWEEP_INLINE_ENTRIES + 1_000;
        MethodCache m = attachTracked(Settings.builder().memory(b -> b.maxEntries(100_000)).build(), "large", 60);
        for (int i = 0; i < entries; i++) {
            String key = "k" + i;
            call(m, key, () -> key);
        }
        clock.advance(Duration.ofSeconds(60));
        call(m, "fresh", () -> "fresh"); // the sweep is due: handed to the common pool
        // the sweep counts an expiration after it removed the entry: await the count too, not only the size
        awaitTrue(() -> m.size() == 1 && statsOf(m).expirations() == entries,
                "the background sweep removed and counted every expired entry");
        assertEquals(entries, statsOf(m).expirations(), "and no more");
        assertTrue(isCached(m, "fresh"));
    }

    /** {@code cacheweave.l1.ttl} shorter than the method's TTL bounds how long an entry stays in the memory tier. */
    @Test
    void memoryTtl_shorterThanTheMethods_boundsTheEntry() throws Exception {
        MethodCache m = attachTracked(Settings.builder().memory(b -> b.ttl(Duration.ofSeconds(5))).build(), "short", 60);
        call(m, "a", () -> "A");
        clock.advance(Duration.ofMillis(4_999));
        assertTrue(isCached(m, "a"));
        clock.advance(Duration.ofMillis(1));
        assertFalse(isCached(m, "a"), "gone from memory after cacheweave.l1.ttl, not the method's 60 s");
    }
}
