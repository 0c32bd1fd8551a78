package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.MapCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CacheWarmerTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();


    private static final Duration TTL = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock();
    private final MapCache<String, String> cache = new MapCache<>("templates", clock, Duration.ofHours(1), 1000);

    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("k" + i);
        }
        return keys;
    }

    @Test
    void warm_loadsMissingKeys_leavesPresentOnesAlone() {
        cache.put("k1", "old");
        Set<String> loadedKeys = ConcurrentHashMap.newKeySet();
        WarmUpReport<String> report = CacheWarmer.withParallelism(2).warm(cache, List.of("k0", "k1", "k2", "k0"),
                k -> {
                    loadedKeys.add(k);
                    return "v-" + k;
                }, TTL);

        assertEquals(3, report.requested());
        assertEquals(2, report.loaded());
        assertEquals(1, report.alreadyPresent());
        assertEquals(0, report.failed());
        assertEquals(Set.of("k0", "k2"), loadedKeys);
        assertEquals("old", cache.get("k1"));
        assertEquals("v-k2", cache.get("k2"));
        assertEquals(TTL, cache.remainingTtl("k0").orElseThrow());
        assertEquals(1, cache.getAllCalls.get());
        assertEquals("templates", report.cache());
        assertTrue(report.toString().startsWith("warm-up of cache templates: 3 requested, 2 loaded, 1 already "
                + "present, 0 failed, in "), report.toString());
    }

    @Test
    void warm_failingKeys_doNotStopTheRest() {
        WarmUpReport<String> report = CacheWarmer.withParallelism(3).warm(cache, keys(10), k -> {
            if (k.equals("k3")) {
                throw new IllegalStateException("template k3 is broken");
            }
            return k.equals("k7") ? null : "v-" + k;
        }, TTL);

        assertEquals(10, report.requested());
        assertEquals(8, report.loaded());
        assertEquals(2, report.failed());
        assertEquals(Set.of("k3", "k7"), report.failures().keySet());
        assertEquals("template k3 is broken", report.failures().get("k3").getMessage());
        assertEquals("loader returned null for k7; not stored", report.failures().get("k7").getMessage());
        assertEquals(null, cache.get("k3"));
        assertEquals("v-k9", cache.get("k9"));
        logs.assertOnce(Level.WARN, "warm-up of cache templates: 2 keys failed, such as k3");
    }

    @Test
    void warm_concurrentLoads_neverExceedParallelism() throws InterruptedException {
        int parallelism = 3;
        AtomicInteger current = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch full = new CountDownLatch(1);
        WarmUpReport<String> report = CacheWarmer.withParallelism(parallelism).warm(cache, keys(24), k -> {
            int now = current.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            try {
                if (now == parallelism) {
                    full.countDown();
                }
                // The first loads wait until the warmer has as many running as it may; with more threads than
                // allowed, more loads would start meanwhile and max would exceed the bound.
                full.await(5, TimeUnit.SECONDS);
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                current.decrementAndGet();
            }
            return "v-" + k;
        }, TTL);

        assertEquals(0, full.getCount(), "the warmer never ran " + parallelism + " loads at once");
        assertEquals(parallelism, max.get());
        assertEquals(24, report.loaded());
    }

    @Test
    void warm_interrupted_unfinishedKeysReportedAsFailed_interruptKept() {
        CountDownLatch never = new CountDownLatch(1);
        Thread.currentThread().interrupt();
        WarmUpReport<String> report;
        try {
            report = CacheWarmer.withParallelism(2).warm(cache, keys(6), k -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException("load of " + k + " interrupted", e);
                }
                return "v";
            }, TTL);
        } finally {
            assertTrue(Thread.interrupted(), "the caller's interrupt status was lost");
        }
        assertEquals(6, report.requested());
        assertEquals(0, report.loaded());
        assertEquals(6, report.failed());
        assertEquals(6, report.failures().size());
        assertEquals(List.of(), cache.renderedKeys());
    }

    @Test
    void warm_parallelismFromSettings() {
        assertEquals(4, CacheWarmer.create(Settings.create()).parallelism());
        assertEquals(7, CacheWarmer.create(Settings.builder().faces(f -> f.warmupParallelism(7))
                .build()).parallelism());
    }

    @Test
    void warm_keyLoadedByAnotherCallerMeanwhile_countsAsPresent() {
        // getAll sees nothing; the key appears before the warmer's getOrLoad, as when a request loads it first.
        MapCache<String, String> racing = new MapCache<>("templates", clock, Duration.ofHours(1), 1000) {
            @Override
            public Map<String, String> getAll(java.util.Collection<? extends String> keys) {
                Map<String, String> none = super.getAll(keys);
                put("k0", "from a request");
                return none;
            }
        };
        WarmUpReport<String> report = CacheWarmer.withParallelism(1).warm(racing, List.of("k0", "k1"),
                k -> "v-" + k, TTL);
        assertEquals(1, report.loaded());
        assertEquals(1, report.alreadyPresent());
        assertEquals("from a request", racing.get("k0"));
    }

    @Test
    void warm_cacheReadFails_stillReports() {
        cache.failing = true;
        WarmUpReport<String> report = CacheWarmer.withParallelism(2).warm(cache, keys(3), k -> "v", TTL);
        assertEquals(3, report.requested());
        assertEquals(3, report.failed()); // this double's getOrLoad throws; the real engine would return the value
        assertInstanceOf(IllegalStateException.class, report.failures().get("k0"));
    }

    @Test
    void warmValues_writesMissingOnesWithOnePutAll() {
        cache.put("a", "old");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("a", "new");
        values.put("b", "B");
        values.put("c", "C");
        WarmUpReport<String> report = CacheWarmer.withParallelism(2).warm(cache, values, TTL);
        assertEquals(3, report.requested());
        assertEquals(2, report.loaded());
        assertEquals(1, report.alreadyPresent());
        assertEquals(1, cache.putAllCalls.get());
        assertEquals("old", cache.get("a"));
        assertEquals("C", cache.get("c"));
    }

    @Test
    void badInput_rejectedNamingIt() {
        CacheWarmer warmer = CacheWarmer.withParallelism(1);
        assertEquals("parallelism must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> CacheWarmer.withParallelism(0)).getMessage());
        assertEquals("ttl must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> warmer.warm(cache, keys(1), k -> "v", Duration.ZERO)).getMessage());
        assertEquals("keys must not contain null", assertThrows(IllegalArgumentException.class,
                () -> warmer.warm(cache, java.util.Arrays.asList("a", null), k -> "v", TTL)).getMessage());
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        assertEquals("values must not contain null: the value of a", assertThrows(IllegalArgumentException.class,
                () -> warmer.warm(cache, withNull, TTL)).getMessage());
        assertEquals(0, cache.putAllCalls.get());
    }
}
