package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.testing.TestLogs;
import io.cacheweave.runtime.tier.CircuitBreaker;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.tier.RedisTier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * The process-wide runtime's Redis ({@code CacheRuntime.Builder.connectInBackground()}, what {@link Cacheweave} uses):
 * neither building the runtime nor a call waits for the connection; calls before it skip Redis without counting as
 * failures or opening the breaker (they run the body: the memory tier is served only once the invalidation bus is
 * subscribed, as always); the first call after the connection is made reaches Redis.
 */
class BackgroundConnectIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private static CacheRuntime backgroundRuntime(String url, String namespace, Duration connectTimeout) {
        return CacheRuntime.builder().settings(Settings.builder().redis(r -> r.url(url).connectTimeout(connectTimeout))
                .core(c -> c.namespace(namespace)).build()).connectInBackground().build();
    }

    private static GuardedTier guard(CacheRuntime runtime) {
        return (GuardedTier) runtime.sharedTier().tier();
    }

    /**
     * The process-wide runtime does not parse the URL on the thread that builds it (Lettuce's parser starts Reactor
     * and SLF4J); a malformed one is reported, without its password, by the client's start thread, and the runtime
     * runs on its memory tier.
     */
    @Test
    void aMalformedUrl_isReportedInTheBackground_andTheRuntimeRunsWithoutRedis() throws Exception {
        CacheRuntime runtime = backgroundRuntime("redis-sentinel://:hunter2@", "bg-malformed", Duration.ofSeconds(1));
        try {
            MethodCache m = WovenCalls.attach(runtime, "bg-malformed", 60);
            assertEquals("one", WovenCalls.call(m, "1", () -> "one"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (logs.find(Level.ERROR, "cannot start the Redis client").isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no error reported:\n" + logs.describe());
                Thread.sleep(5);
            }
            TestLogs.Event error = logs.assertOnce(Level.ERROR, "cannot start the Redis client of redis-sentinel://");
            assertTrue(String.valueOf(error.thrown()).contains("redis url is malformed"), error.toString());
            assertFalse(logs.describe().contains("hunter2"), logs.describe());
            assertFalse(guard(runtime).ready());
        } finally {
            runtime.close();
        }
    }

    @Test
    void aServerThatNeverAnswers_delaysNeitherTheRuntimeNorItsCalls() throws Exception {
        // accepts connections (the kernel does, into the backlog) and never answers Redis' handshake, which therefore
        // takes the whole connect timeout: 10 s here, which a runtime that waited for it would spend in build()
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            CacheRuntime runtime = backgroundRuntime("redis://127.0.0.1:" + silent.getLocalPort(), "bg-silent",
                    Duration.ofSeconds(10));
            try {
                MethodCache m = WovenCalls.attach(runtime, "bg-silent", 60);
                assertEquals("one", WovenCalls.call(m, "1", () -> "one"));
                // the memory tier is not served either until the invalidation bus is subscribed (bounded staleness)
                assertEquals("two", WovenCalls.call(m, "1", () -> "two"));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis < 5_000, "built and called in " + millis + " ms, not after the 10 s handshake");
                assertFalse(guard(runtime).ready());
                OperationStats stats = runtime.stats("bg-silent").orElseThrow();
                assertEquals(0, stats.sharedHits() + stats.sharedWrites(), stats.toString());
                assertEquals(2, guard(runtime).skipped(), "both reads skipped the tier, without a failure");
                assertEquals(0, guard(runtime).errors());
            } finally {
                runtime.close();
            }
        }
    }

    @Test
    void callsBeforeTheConnectionAreMemoryOnly_andTheFirstCallAfterItReachesRedis() throws Exception {
        RedisServer redis = RedisServers.local();
        redis.stop(); // its port is known and nothing listens on it
        CacheRuntime runtime = backgroundRuntime(redis.url(), redis.namespace(), Duration.ofSeconds(1));
        try {
            MethodCache m = WovenCalls.attach(runtime, "bg-late", 60);
            GuardedTier guard = guard(runtime);
            for (int i = 0; i < 20; i++) { // more than the breaker's failure threshold
                String key = "before-" + i;
                assertEquals("v" + i, WovenCalls.call(m, key, () -> key.replace("before-", "v")));
            }
            OperationStats before = runtime.stats("bg-late").orElseThrow();
            assertEquals(20, before.loads(), "every call ran the body: " + before);
            assertEquals(0, before.sharedHits() + before.sharedWrites(), "none reached Redis: " + before);
            assertEquals(20, guard.skipped(), "each read skipped the tier (counted as a shared miss)");
            assertEquals(0, guard.errors(), "not connected yet is not a failure");
            assertEquals(CircuitBreaker.State.CLOSED, guard.breaker().state());

            // the first attempt has failed (refused) before Redis starts
            ((RedisTier) guard.delegate()).started().get(30, TimeUnit.SECONDS);
            assertFalse(guard.ready());
            redis.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!guard.ready() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(guard.ready(), "connected once Redis was up");
            assertEquals("after", WovenCalls.call(m, "after", () -> "after"));
            OperationStats after = runtime.stats("bg-late").orElseThrow();
            assertEquals(21, after.sharedMisses(), "the first call after the connection read Redis: " + after);
            assertEquals(20, guard.skipped(), "and was not skipped");
            assertEquals(1, after.sharedWrites(), "and stored its value there: " + after);
            assertEquals(1, redis.keys(redis.namespace() + ":*after*").size(), () -> "keys: " + redis.keys());
            assertEquals(0, guard.errors());
        } finally {
            runtime.close();
            redis.close();
        }
        logs.assertOnce(org.slf4j.event.Level.WARN, "cannot connect redis tier");
    }
}
