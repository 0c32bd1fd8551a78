package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisCluster;
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

    private static CacheRuntime node() {
        return CacheRuntime.builder().settings(Settings.builder().redisUrl(cluster.seedUrl()).redisCluster(true)
                .namespace(cluster.namespace()).build()).build();
    }

    private static MethodCache method(CacheRuntime node) {
        return WovenCalls.textMethod(node, "clustered", 600, false);
    }

    @Test
    void valuesAcrossSlots_areShared_andOperationInvalidationReachesEveryMaster() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        try (CacheRuntime a = node(); CacheRuntime b = node()) {
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

            a.invalidateOperation("clustered"); // a generation bump: the old keys expire by their TTL
            WovenCalls.awaitTrue(() -> !onB.inMemory("id0") && !onB.inMemory("id" + (KEYS - 1)),
                    "b dropped its memory copies");
            assertTrue(onB.operationStats().invalidations() >= 1);
            for (int i = 0; i < KEYS; i++) {
                String id = "id" + i;
                Object v = WovenCalls.call(onB, id, () -> "v:" + id + ":" + loads.incrementAndGet());
                assertTrue(((String) v).endsWith(":" + (KEYS + i + 1)), "no entry of the old generation: " + v);
            }
            int newGeneration = 0;
            for (RedisServer node : cluster.nodes()) {
                newGeneration += node.keys(cluster.namespace() + ":v1@g1:clustered:*").size();
            }
            assertEquals(KEYS, newGeneration, "the reloaded entries, in generation 1, on every master");
        }
    }
}
