package io.cacheweave.agent.it;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Woven methods over a real Redis: shared between runtimes, typed values, and an outage the callers never see. */
class SharedTierIT {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static RedisServer redis;
    private final WovenService service = new WovenService();

    @BeforeAll
    static void startRedis() {
        redis = RedisServers.local(); // our own process: one test stops and restarts it
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void memoryOnly() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build()); // closes the Redis runtime
    }

    /** @return settings on our server, with the timeouts for a busy machine (a test about timeouts sets its own) */
    private static Settings.Builder redisSettings() {
        return redis.settings();
    }

    @Test
    void wovenMethod_isSharedThroughRedis_byAnotherRuntimeWithAnEmptyMemoryTier() {
        Cacheweave.install(CacheRuntime.builder().settings(redisSettings().build()).build());
        Summary first = service.summarize("shared text", new Options("en", 5));
        assertTrue(redis.keys().stream().anyMatch(k -> k.startsWith(redis.namespace() + ":v1:it-summarize:")),
                redis.keys().toString());

        Cacheweave.install(CacheRuntime.builder().settings(redisSettings().build()).build()); // "another JVM"
        Summary second = service.summarize("shared text", new Options("en", 5));

        assertEquals(first, second);
        assertNotSame(first, second, "decoded from Redis, not the first runtime's memory");
        assertEquals(1, service.summarizeRuns.get());
        assertEquals(1, Cacheweave.stats("it-summarize").orElseThrow().sharedHits());
    }

    @Test
    void genericReturnType_decodesIntoTheDeclaredType() {
        Cacheweave.install(CacheRuntime.builder().settings(redisSettings().build()).build());
        List<Summary> first = service.summarizeAll(List.of("a", "b"));
        Cacheweave.install(CacheRuntime.builder().settings(redisSettings().build()).build());
        List<Summary> second = service.summarizeAll(List.of("a", "b"));

        assertEquals(first, second);
        assertEquals(Summary.class, second.get(0).getClass());
        assertEquals(1, service.listRuns.get());
    }

    @Test
    void startup_withRedisUnreachable_runsTheMethodWithoutHanging() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        Cacheweave.install(CacheRuntime.builder()
                .settings(Settings.builder().redis(r -> r.url("redis://127.0.0.1:" + closedPort)).build()).build());
        assertEquals("final:x", service.finalLookup("x"));
        assertEquals("final:x", service.finalLookup("x"));
        // The invalidation bus cannot prove it delivers (cacheweave.invalidation.max-staleness), so the memory tier
        // is not served either: every call runs the method, none fails (README: Bounded staleness).
        assertEquals(2, service.finalRuns.get());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "start-up must not hang");
        logs.assertLogged(Level.WARN, "cannot connect redis tier at redis://127.0.0.1:" + closedPort);
    }

    @Test
    void redisStoppedMidRun_noCallerSeesAnExceptionOrAnotherKeysValue_andSharedHitsResumeAfterRestart()
            throws Exception {
        Cacheweave.install(CacheRuntime.builder().settings(redisSettings().redis(r -> r.timeout(Duration.ofMillis(100)))
                .breaker(b -> b.failureThreshold(3).openDuration(Duration.ofMillis(200)))
                .memory(m -> m.ttl(Duration.ofMillis(300))).build()).build());
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int seed = t;
            workers.add(pool.submit(() -> {
                int i = seed;
                while (running.get()) {
                    String key = "k" + (i++ % 40);
                    try {
                        String value = service.finalLookup(key);
                        if (!("final:" + key).equals(value)) {
                            problems.add("asked " + key + ", got " + value);
                        }
                    } catch (Throwable e) {
                        problems.add("asked " + key + ", got " + e);
                    }
                    calls.incrementAndGet();
                }
            }));
        }
        try {
            awaitCalls(calls, 2_000);
            redis.stop();
            awaitCalls(calls, 2_000);
            Thread.sleep(500); // well past breaker opening and several memory-tier expiries
            redis.start();
            long sharedHitsAtRestart = stats().sharedHits();
            await(() -> stats().sharedHits() > sharedHitsAtRestart + 20, "shared-tier hits after the restart");
        } finally {
            running.set(false);
            for (Future<?> w : workers) {
                w.get(10, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(problems));
        logs.assertLogged(Level.WARN, "circuit breaker opened after 3 consecutive failures");
    }

    private static OperationStats stats() {
        return Cacheweave.stats("it-final").orElseThrow();
    }

    private static void awaitCalls(AtomicLong calls, long more) throws InterruptedException {
        long target = calls.get() + more;
        await(() -> calls.get() >= target, more + " more calls");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }
}
