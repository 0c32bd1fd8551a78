package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisCluster;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two runtimes on a real three-master Redis Cluster, configured by settings alone. */
class ClusterRuntimeIT {
    private static final int KEYS = 60;
    private static RedisCluster cluster;


    @BeforeAll
    static void start() {
        cluster = RedisServers.cluster(3);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /**
     * A runtime on the cluster. The command timeout is raised from its 250 ms default: Lettuce opens the connection
     * to each master on the first command that goes there, and on a busy machine that first command can take longer
     * than 250 ms, which the runtime rightly treats as a miss (a load where this test expects a shared hit). This
     * test is about sharing and invalidation across slots, not about latency.
     */
    private static CacheRuntime node() {
        return CacheRuntime.builder().settings(Settings.builder().redis(r -> r.url(cluster.seedUrl()).cluster(true)
                .timeout(java.time.Duration.ofSeconds(10))).core(c -> c.namespace(cluster.namespace()))
                .build()).build();
    }

    /**
     * Waits until {@code node} is connected to the cluster and subscribed to its invalidations. A runtime waits
     * only one connect timeout (1 s) for Redis at start-up and then connects in the background, calls going on
     * without the shared tier meanwhile; a cluster connection (topology discovery, one connection per master) can
     * take longer on a busy machine, and calls made before it would load instead of sharing (the race behind the
     * test's rare failures, with the per-master connections opened on first use, see {@link #node()}).
     */
    private static void awaitShared(CacheRuntime node, String what) throws InterruptedException {
        WovenCalls.awaitTrue(() -> node.sharedTier().tier() instanceof GuardedTier guarded
                && guarded.delegate() instanceof RedisTier redis && redis.isConnected(), what + " connected to the cluster");
    }

    private static long subscribers() {
        long total = 0;
        for (RedisServer node : cluster.nodes()) {
            Object reply = node.call("PUBSUB", "NUMSUB", cluster.namespace() + ":invalidations");
            total += (Long) ((java.util.List<?>) reply).get(1);
        }
        return total;
    }

    private static MethodCache method(CacheRuntime node) {
        return WovenCalls.textMethod(node, "clustered", 600, false);
    }

    @Test
    void valuesAcrossSlots_areShared_andOperationInvalidationReachesEveryMaster() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        try (CacheRuntime a = node(); CacheRuntime b = node()) {
            awaitShared(a, "a");
            awaitShared(b, "b");
            WovenCalls.awaitTrue(() -> subscribers() == 2, "both nodes subscribed to invalidations");
            MethodCache onA = method(a);
            MethodCache onB = method(b);
            for (int i = 0; i < KEYS; i++) {
                String id = "id" + i;
                WovenCalls.call(onA, id, () -> "v:" + id + ":" + loads.incrementAndGet());
            }
            int mastersWithKeys = 0;
            for (RedisServer node : cluster.nodes()) {
                mastersWithKeys += node.keys(cluster.namespace() + ":*").isEmpty() ? 0 : 1;
            }
            assertEquals(3, mastersWithKeys, "keys must spread over every master");

            for (int i = 0; i < KEYS; i++) {
                String id = "id" + i;
                Object v = WovenCalls.call(onB, id, () -> "v:" + id + ":" + loads.incrementAndGet());
                assertEquals("v:" + id + ":" + (i + 1), v);
            }
            assertEquals(KEYS, loads.get());
            assertEquals(KEYS, onB.operationStats().sharedHits());

            a.invalidateOperation("clustered"); // one script on the slot of the operation's generation counter
            long counters = 0;
            for (RedisServer node : cluster.nodes()) {
                counters += node.keys(cluster.namespace() + ":gen:v1:op:clustered").size();
            }
            assertEquals(1, counters, "the generation counter is on one master");
            // Await the message itself, not its effect on b's memory tier: b may hold none of the keys in memory
            // (a read that overlaps a's own message about its put does not promote, by design), and then "b holds
            // no copy" is true before b has learned the new generation, and b's next reads would use the old one
            // (the race behind this test's failures on a busy machine). The count rises after b learned the
            // generation and emptied its memory tier (LocalInvalidations.generation).
            WovenCalls.awaitTrue(() -> onB.operationStats().invalidations() >= 1,
                    "b applied a's invalidation of the operation");
            assertTrue(!onB.inMemory("id0") && !onB.inMemory("id" + (KEYS - 1)), "b dropped its memory copies");
            for (int i = 0; i < KEYS; i++) {
                String id = "id" + i;
                WovenCalls.call(onB, id, () -> "v:" + id + ":" + loads.incrementAndGet());
            }
            assertEquals(2 * KEYS, loads.get(), "the old generation's entries are not read on any master");
        }
    }
}
