package io.cacheweave.runtime.tier;

import static io.cacheweave.runtime.tier.Invalidation.Kind.ALL;
import static io.cacheweave.runtime.tier.Invalidation.Kind.OPERATION;
import static io.cacheweave.runtime.tier.Invalidation.Kind.PATTERN;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.RedisCluster;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RedisTier} and {@link RedisInvalidationBus} on a three-master cluster of our own. */
class RedisClusterIT {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    static RedisCluster cluster;
    static RedisTier tier;

    @BeforeAll
    static void start() {
        cluster = RedisServers.cluster(3);
        tier = RedisTier.connect(RedisTierConfig.ofCluster(cluster.seedUrl()).withScanCount(50));
    }

    @AfterAll
    static void stop() {
        if (tier != null) {
            tier.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return keys of the prefix on each node */
    private static List<Integer> keysPerNode(String prefix) {
        List<Integer> counts = new ArrayList<>();
        for (RedisServer node : cluster.nodes()) {
            counts.add((int) node.keys(cluster.namespace() + ":*").stream().filter(k -> k.startsWith(prefix)).count());
        }
        return counts;
    }

    /**
     * The cluster connection and its connections to the nodes make Lettuce's synchronous APIs (large dynamic proxies)
     * when first asked for, not when they connect; both still work.
     */
    @Test
    @SuppressWarnings("unchecked")
    void clusterConnections_makeNoSynchronousApi_untilAskedForOne() throws Exception {
        try (RedisConnector connector = new RedisConnector(RedisTierConfig.ofCluster(cluster.seedUrl()), "lean")) {
            var c = (io.lettuce.core.cluster.api.StatefulRedisClusterConnection<String, String>) (Object) connector
                    .connect(io.lettuce.core.codec.StringCodec.UTF8).get(30, SECONDS);
            try {
                assertTrue(c instanceof LeanRedisClient.ClusterConnection, c.getClass().getName());
                assertNull(LeanRedisClientIT.syncField(io.lettuce.core.cluster.StatefulRedisClusterConnectionImpl.class)
                        .get(c), "the cluster API was made at connect");
                var node = c.getConnection(c.getPartitions().iterator().next().getNodeId());
                assertTrue(node instanceof LeanRedisClient.Connection, node.getClass().getName());
                assertNull(LeanRedisClientIT.syncField(io.lettuce.core.StatefulRedisConnectionImpl.class).get(node),
                        "a node's API was made at connect");

                String key = cluster.namespace() + ":lean";
                assertEquals("OK", c.sync().set(key, "v"));
                assertEquals("v", c.sync().get(key));
                assertEquals("PONG", node.sync().ping());
            } finally {
                c.close();
            }
        }
    }

    @Test
    void putAll_getAll_delete_acrossSlots() {
        String p = cluster.key("slots:");
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            values.put(p + i, bytes("v" + i));
        }
        tier.putAll(values, MINUTE);
        List<Integer> perNode = keysPerNode(p);
        assertEquals(300, perNode.stream().mapToInt(Integer::intValue).sum());
        assertTrue(perNode.stream().allMatch(n -> n > 0), "keys on every master: " + perNode);

        List<String> wanted = new ArrayList<>(values.keySet());
        wanted.add(p + "missing");
        Map<String, SharedTier.StoredValue> found = tier.getAll(wanted);
        assertEquals(values.keySet(), found.keySet());
        assertArrayEquals(bytes("v123"), found.get(p + 123).bytes());
        assertTrue(found.get(p + 7).remainingMillis() > 55_000);

        List<String> some = wanted.subList(0, 100);
        assertEquals(100, tier.delete(some));
        assertEquals(Map.of(), tier.getAll(some));
        assertEquals(200, tier.getAll(wanted).size());
        assertEquals(200, tier.deleteMatching(p + "*"));
    }

    @Test
    void get_put_singleKeysOnEveryMaster() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; ports.size() < 3 && i < 100; i++) {
            String key = cluster.key("single:" + i);
            tier.put(key, bytes("x" + i), Duration.ofSeconds(10));
            SharedTier.StoredValue stored = tier.get(key);
            assertArrayEquals(bytes("x" + i), stored.bytes());
            assertTrue(stored.remainingMillis() > 5_000 && stored.remainingMillis() <= 10_000);
            ports.add(cluster.nodeOf(key).port());
            assertEquals(1, tier.delete(List.of(key)));
            assertNull(tier.get(key));
        }
        assertEquals(3, ports.size());
    }

    @Test
    void deleteMatching_reachesEveryMaster() {
        String p = cluster.key("dm:");
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            values.put(p + "users:" + i, bytes("v"));
        }
        for (int i = 0; i < 30; i++) {
            values.put(p + "users\\:" + i, bytes("v")); // an escaped ':' inside a value: not "users:*"
            values.put(p + "orders:" + i, bytes("v"));
        }
        tier.putAll(values, MINUTE);
        List<Integer> before = keysPerNode(p + "users:");
        assertTrue(before.stream().allMatch(n -> n > 50), "users keys on every master: " + before);

        assertEquals(400, tier.deleteMatching(p + "users:*"));
        assertEquals(List.of(0, 0, 0), keysPerNode(p + "users:"));
        assertEquals(60, keysPerNode(p).stream().mapToInt(Integer::intValue).sum());
        assertEquals(30, tier.deleteMatching(p + "users\\\\\\:*"));
        assertEquals(30, tier.deleteMatching(p + "*"));
        assertEquals(List.of(0, 0, 0), keysPerNode(p));
    }

    @Test
    void invalidationBus_onCluster() throws InterruptedException {
        RedisTierConfig config = RedisTierConfig.ofCluster(cluster.seedUrl());
        String channel = cluster.key("invalidations");
        LinkedBlockingQueue<Object> toA = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Object> toB = new LinkedBlockingQueue<>();
        try (RedisInvalidationBus a = RedisInvalidationBus.connect(config, channel, "node-a", Recorder.into(toA));
                RedisInvalidationBus b = RedisInvalidationBus.connect(config, channel, "node-b", Recorder.into(toB))) {
            assertTrue(a.isSubscribed() && b.isSubscribed());
            a.publish(PATTERN, "users:*");
            a.publish(OPERATION, "summarize");
            b.publish(ALL, "");
            assertEquals(new Invalidation("node-a", 1, PATTERN, "users:*"), toB.poll(5, SECONDS));
            assertEquals(new Invalidation("node-a", 2, OPERATION, "summarize"),
                    toB.poll(5, SECONDS));
            assertEquals(new Invalidation("node-b", 1, ALL, ""), toA.poll(5, SECONDS));
            assertNull(toA.poll(100, MILLISECONDS));
            assertNull(toB.poll(1, MILLISECONDS));
        }
    }
}
