package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two runtimes ("nodes") on one Redis, 50 concurrent callers each on one cold key of a lease method. */
class DistributedLeaseIT {
    private static final int CALLERS_PER_NODE = 50;


    private RedisServer redis;
    private final AtomicInteger bodyRuns = new AtomicInteger();

    @BeforeEach
    void start() {
        redis = RedisServers.standalone();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    private CacheRuntime node(Duration leaseTimeout) {
        return CacheRuntime.builder().settings(Settings.builder().redis(r -> r.url(redis.url()))
                .core(c -> c.namespace(redis.namespace())
                .leaseTimeout(leaseTimeout)).build()).build();
    }

    private static MethodCache method(CacheRuntime node, boolean lease) {
        return WovenCalls.textMethod(node, "leased", 600, lease);
    }

    private List<Object> race(List<MethodCache> nodes, long bodyMillis) throws Exception {
        int callers = nodes.size() * CALLERS_PER_NODE;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CyclicBarrier start = new CyclicBarrier(callers);
        List<Future<Object>> futures = new ArrayList<>();
        try {
            for (MethodCache node : nodes) {
                for (int i = 0; i < CALLERS_PER_NODE; i++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return WovenCalls.call(node, "cold", () -> {
                            int run = bodyRuns.incrementAndGet();
                            Thread.sleep(bodyMillis);
                            return "v:cold:" + run;
                        });
                    }));
                }
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyCallersOnEachOfTwoNodes_runTheBodyExactlyOnce() throws Exception {
        try (CacheRuntime a = node(Duration.ofSeconds(30)); CacheRuntime b = node(Duration.ofSeconds(30))) {
            MethodCache onA = method(a, true);
            MethodCache onB = method(b, true);
            List<Object> results = race(List.of(onA, onB), 300);

            assertEquals(1, bodyRuns.get());
            assertTrue(results.stream().allMatch("v:cold:1"::equals), results.toString());
            long waits = onA.operationStats().leaseWaits() + onB.operationStats().leaseWaits();
            assertTrue(waits <= 1, "at most the other node's one loading caller waited for the lease: " + waits);
            assertTrue(redis.keys().stream().noneMatch(k -> k.contains(":lease:")), "the lease was released");
        }
    }

    @Test
    void withoutLease_eachNodeLoadsOnce() throws Exception {
        try (CacheRuntime a = node(Duration.ofSeconds(30)); CacheRuntime b = node(Duration.ofSeconds(30))) {
            race(List.of(method(a, false), method(b, false)), 300);
            assertEquals(2, bodyRuns.get(), "single-flight within each node, no coordination between them");
        }
    }

    @Test
    void holderThatNeverStores_othersLoadAfterTheLeaseTimeout() throws Exception {
        try (CacheRuntime a = node(Duration.ofMillis(300)); CacheRuntime b = node(Duration.ofMillis(300))) {
            MethodCache onB = method(b, true);
            // a lease held by a node that died while loading: it expires, and b loads after waiting for it
            redis.call("SET", redis.namespace() + ":lease:v1:leased:cold", "dead-node", "PX", "300");
            long start = System.nanoTime();
            Object v = WovenCalls.call(onB, "cold", () -> "v:cold:" + bodyRuns.incrementAndGet());
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("v:cold:1", v);
            assertTrue(waitedMillis >= 250 && waitedMillis < 5_000, "waited " + waitedMillis + " ms");
            assertEquals(1, onB.operationStats().leaseWaits());
        }
    }
}
