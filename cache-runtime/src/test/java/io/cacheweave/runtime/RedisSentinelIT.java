package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisSentinels;
import io.cacheweave.runtime.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 8: a master, a replica and three sentinels, all real processes; two nodes reach them through
 * {@code redis-sentinel://}. The master is stopped under load: no call fails, no call returns a wrong value, and the
 * cache works again through the promoted replica (values written there, invalidations carried between the nodes).
 */
class RedisSentinelIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private static final int KEYS = 200;

    private RedisSentinels redis;
    private CacheRuntime nodeA;
    private CacheRuntime nodeB;
    private final String namespace = "cwsentinel";

    @BeforeEach
    void start() {
        redis = RedisSentinels.start();
    }

    /**
     * Starts both nodes.
     *
     * @param busyMachine whether with the timeouts for a busy machine of {@link RedisServer#settings()}, else with the
     *     defaults (250 ms a command), which keep the calls moving while the master is down
     */
    private void startNodes(boolean busyMachine) {
        Settings settings = Settings.builder().redis(r -> r.url(redis.url())).core(c -> c.namespace(namespace))
                .redis(r -> {
                    if (busyMachine) {
                        r.timeout(RedisServer.BUSY_MACHINE_TIMEOUT)
                                .connectTimeout(RedisServer.BUSY_MACHINE_CONNECT_TIMEOUT);
                    }
                }).build();
        nodeA = CacheRuntime.builder().settings(settings).build();
        nodeB = CacheRuntime.builder().settings(settings).build();
    }

    @AfterEach
    void stop() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        redis.close();
    }

    private static Object call(MethodCache m, String id) throws Exception {
        return WovenCalls.call(m, id, () -> "v:" + id);
    }

    private String physical(String id) {
        return namespace + ":v1:sentinel:" + id;
    }

    @Test
    void sentinelUrl_valuesGoToTheMasterItNames_andReachTheReplica() throws Exception {
        startNodes(true);
        MethodCache a = WovenCalls.textMethod(nodeA, "sentinel", 600, false);
        MethodCache b = WovenCalls.textMethod(nodeB, "sentinel", 600, false);
        assertEquals("v:1", call(a, "1"));
        assertTrue(redis.master().keys(physical("*")).contains(physical("1")));
        WovenCalls.awaitTrue(() -> redis.replica().keys(physical("*")).contains(physical("1")), "replicated");
        assertEquals("v:1", call(b, "1"));
        assertEquals(1, b.operationStats().sharedHits());
    }

    @Test
    void masterStopped_underLoad_noCallFails_noWrongValue_andTheCacheRecovers() throws Exception {
        startNodes(false);
        MethodCache a = WovenCalls.textMethod(nodeA, "sentinel", 600, false);
        MethodCache b = WovenCalls.textMethod(nodeB, "sentinel", 600, false);
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> load = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (int t = 0; t < 4; t++) {
            MethodCache m = t % 2 == 0 ? a : b;
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    String id = Integer.toString(ThreadLocalRandom.current().nextInt(KEYS));
                    try {
                        if (!("v:" + id).equals(call(m, id))) {
                            wrong.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                    calls.incrementAndGet();
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
            }, "sentinel-load-" + t);
            thread.setDaemon(true);
            load.add(thread);
        }
        load.forEach(Thread::start);
        Thread.sleep(1000);

        int oldMaster = redis.currentMasterPort();
        long stopped = System.nanoTime();
        redis.master().stop();
        WovenCalls.awaitTrue(() -> redis.currentMasterPort() != oldMaster, "a sentinel promoted the replica", 30);
        long promoted = System.nanoTime();
        RedisServer newMaster = redis.replica();
        assertEquals(newMaster.port(), redis.currentMasterPort());

        // recovered: a new value is written through to the new master
        int probe = 0;
        while (!newMaster.keys(physical("probe-*")).contains(physical("probe-" + probe))) {
            assertTrue(System.nanoTime() - stopped < Duration.ofSeconds(60).toNanos(), "no recovery in 60 s");
            probe++;
            call(a, "probe-" + probe);
            Thread.sleep(20);
        }
        long recovered = System.nanoTime();
        WovenCalls.awaitTrue(() -> nodeB.busHealth().servesMemoryTier(), "B's bus is healthy again");
        Thread.sleep(1000); // load goes on against the new master
        running.set(false);
        for (Thread t : load) {
            t.join(10_000);
        }

        // invalidations travel between the nodes again
        call(a, "after");
        call(b, "after");
        assertTrue(b.inMemory("after"));
        nodeA.pattern("sentinel:after", "test");
        WovenCalls.awaitTrue(() -> !b.inMemory("after"), "A's invalidation reached B through the new master");

        String summary = String.format("%d calls, %d failed, %d wrong; master stopped -> replica promoted %d ms, "
                + "-> writes through the cache land on the new master %d ms", calls.get(), failures.get(),
                wrong.get(), (promoted - stopped) / 1_000_000, (recovered - stopped) / 1_000_000);
        if (Boolean.getBoolean("cacheweave.test.report")) {
            System.out.println("sentinel failover: " + summary);
        }
        assertEquals(0, failures.get(), summary + "; first: " + firstFailure.get());
        assertEquals(0, wrong.get(), summary);
        assertNotEquals(0, calls.get(), summary);
    }
}
