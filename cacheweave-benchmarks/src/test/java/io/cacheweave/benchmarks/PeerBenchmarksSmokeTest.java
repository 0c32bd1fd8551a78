package io.cacheweave.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.benchmarks.coroutines.SuspendHitBenchmark;
import io.cacheweave.benchmarks.memory.MemoryHitBenchmark;
import io.cacheweave.benchmarks.memory.MemoryHitTwoThreadsBenchmark;
import io.cacheweave.benchmarks.redis.InvalidationBenchmark;
import io.cacheweave.benchmarks.redis.RedisHitBenchmark;
import io.cacheweave.benchmarks.redis.RedisReturnBenchmark;
import io.cacheweave.benchmarks.startup.StartupBenchmark;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Each benchmark's set-up, one invocation of every benchmark method and its tear-down, as JMH would run them (this JVM
 * runs under {@code -javaagent:cache-agent.jar}), at sizes small enough for the build: the checks that a benchmark
 * measures what it claims hold, and fail when it would not.
 */
class PeerBenchmarksSmokeTest {

    @Test
    void memoryHit_everyPeerHitsWithoutRunningItsBody() throws Exception {
        MemoryHitBenchmark benchmark = new MemoryHitTwoThreadsBenchmark();
        benchmark.setUp();
        List<String> called = invokeEveryBenchmark(benchmark);
        benchmark.tearDown();
        assertEquals(7, called.size(), called.toString());
    }

    @Test
    void suspendHit_hitsWithoutRunningTheBodyOrResumingTheCaller() throws Exception {
        SuspendHitBenchmark benchmark = new SuspendHitBenchmark();
        benchmark.setUp();
        List<String> called = invokeEveryBenchmark(benchmark);
        benchmark.tearDown();
        assertEquals(3, called.size(), called.toString());
        assertEquals(benchmark.plainCall(), benchmark.suspendHit(), "the same value");
    }

    @Test
    void redisHit_everyPeerHitsRedisWithoutRunningItsBody() throws Exception {
        for (String value : List.of("profile", "text16k")) {
            RedisHitBenchmark benchmark = new RedisHitBenchmark();
            benchmark.value = value;
            benchmark.keys = 40;
            benchmark.setUp();
            List<String> called = invokeEveryBenchmark(benchmark);
            benchmark.tearDown();
            assertEquals(5, called.size(), called.toString());
        }
    }

    @Test
    void invalidation_everyPeerRemovesItsEntriesAndKeepsOtherData() {
        for (String peer : List.of("raw", "cacheweave", "cacheweave-tag", "spring", "redisson")) {
            InvalidationBenchmark benchmark = new InvalidationBenchmark();
            benchmark.peer = peer;
            benchmark.unrelatedKeys = 1500;
            benchmark.entries = 20;
            benchmark.setUp();
            try {
                for (int invocation = 0; invocation < 2; invocation++) {
                    benchmark.writeEntries();
                    benchmark.invalidateOperation();
                    benchmark.checkInvalidated();
                }
            } finally {
                benchmark.tearDown();
            }
        }
    }

    @Test
    void invalidation_entriesLeftInPlace_failTheInvocation() {
        InvalidationBenchmark benchmark = new InvalidationBenchmark();
        benchmark.peer = "cacheweave";
        benchmark.unrelatedKeys = 10;
        benchmark.entries = 5;
        benchmark.setUp();
        try {
            benchmark.writeEntries();
            IllegalStateException failure = assertThrows(IllegalStateException.class, benchmark::checkInvalidated);
            assertEquals("cacheweave: entry 0 survived the invalidation", failure.getMessage());
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void startup_everyVariantStartsHitsAndExits() throws Exception {
        for (String variant : List.of("plain", "cacheweave", "cacheweave-cold", "cacheweave-redis",
                "spring-caffeine", "spring-redis", "jetcache", "redisson")) {
            StartupBenchmark benchmark = new StartupBenchmark();
            benchmark.variant = variant;
            benchmark.setUp();
            try {
                assertEquals(0, benchmark.startAndExit(), variant);
            } finally {
                benchmark.tearDown();
            }
        }
    }

    @Test
    void redisReturn_callsReachTheRestartedServerAndItHoldsTheirKey() throws Exception {
        RedisReturnBenchmark benchmark = new RedisReturnBenchmark();
        benchmark.outageMillis = 200;
        benchmark.setUpTrial();
        try {
            benchmark.startAppThenStopRedis();
            try {
                assertTrue(benchmark.restartRedis().startsWith("outage-"));
            } finally {
                benchmark.stopApp();
            }
        } finally {
            benchmark.tearDownTrial();
        }
    }

    private static List<String> invokeEveryBenchmark(Object benchmark) throws Exception {
        List<Method> methods = Arrays.stream(benchmark.getClass().getMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class)).toList();
        for (Method method : methods) {
            assertNotNull(method.invoke(benchmark), method.getName());
        }
        return methods.stream().map(Method::getName).toList();
    }
}
