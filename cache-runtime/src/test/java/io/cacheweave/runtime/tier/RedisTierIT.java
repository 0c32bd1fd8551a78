package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RedisTier} against one real server (ours, or {@code REDIS_URL} under a namespace of our own). */
class RedisTierIT {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    static RedisServer server;
    static RedisTier tier;

    @BeforeAll
    static void start() {
        server = RedisServers.standalone();
        // The command timeout is raised from its 250 ms default: on a busy machine a pipelined batch of thousands
        // of commands, or any command while the JVM or Redis is descheduled, can take longer, and a timeout is an
        // error here. This test is about what the tier does, not how fast (the benchmarks measure that).
        tier = RedisTier.connect(server.tierConfig().withScanCount(100));
    }

    @AfterAll
    static void stop() {
        if (tier != null) {
            tier.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void get_absent() {
        assertNull(tier.get(server.key("get_absent")));
    }

    @Test
    void put_get_everyByteValue() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        String key = server.key("put_get:é ü\n*");
        long start = System.nanoTime();
        tier.put(key, value, MINUTE);
        SharedTier.StoredValue stored = tier.get(key);
        assertArrayEquals(value, stored.bytes());
        assertTtlSince(start, 60_000, stored.remainingMillis());
    }

    @Test
    void put_writesPxTtl() {
        String key = server.key("put_px");
        long start = System.nanoTime();
        tier.put(key, bytes("v"), Duration.ofMillis(1500));
        assertTtlSince(start, 1500, (Long) server.call("PTTL", key));
    }

    /**
     * Asserts that a TTL of {@code ttlMillis} written after {@code start} has {@code pttl} left: no more than it was
     * given, and no less than what the time since {@code start} took from it (Redis counts in whole milliseconds),
     * however slowly a busy machine ran the calls in between.
     */
    private static void assertTtlSince(long start, long ttlMillis, long pttl) {
        long elapsed = (System.nanoTime() - start) / 1_000_000 + 1;
        assertTrue(pttl <= ttlMillis && pttl >= ttlMillis - elapsed,
                "pttl " + pttl + " of " + ttlMillis + " written " + elapsed + " ms ago");
    }

    @Test
    void put_expires() throws InterruptedException {
        String key = server.key("put_expires");
        tier.put(key, bytes("v"), Duration.ofMillis(40));
        Thread.sleep(120);
        assertNull(tier.get(key));
    }

    @Test
    void put_subMillisecondTtl_roundsUp() {
        String key = server.key("put_sub_ms");
        tier.put(key, bytes("v"), Duration.ofNanos(10));
        assertTrue((Long) server.call("PTTL", key) <= 1);
    }

    @Test
    void put_nonPositiveTtl_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tier.put(server.key("bad_ttl"), bytes("v"), Duration.ZERO));
        assertEquals("ttl must be positive: PT0S", e.getMessage());
    }

    @Test
    void get_entryWithoutExpiry_remainingMinusOne() {
        String key = server.key("no_expiry");
        server.call("SET", key, "plain");
        SharedTier.StoredValue stored = tier.get(key);
        assertArrayEquals(bytes("plain"), stored.bytes());
        assertEquals(-1, stored.remainingMillis());
    }

    @Test
    void getAll_presentAndAbsent() {
        tier.put(server.key("ga:a"), bytes("A"), MINUTE);
        tier.put(server.key("ga:b"), bytes("B"), Duration.ofSeconds(30));
        Map<String, SharedTier.StoredValue> found = tier.getAll(
                List.of(server.key("ga:a"), server.key("ga:missing"), server.key("ga:b")));
        assertEquals(List.of(server.key("ga:a"), server.key("ga:b")), new ArrayList<>(found.keySet()));
        assertArrayEquals(bytes("A"), found.get(server.key("ga:a")).bytes());
        assertArrayEquals(bytes("B"), found.get(server.key("ga:b")).bytes());
        assertTrue(found.get(server.key("ga:b")).remainingMillis() <= 30_000);
        assertEquals(Map.of(), tier.getAll(List.of()));
    }

    @Test
    void putAll_getAll_manyKeysPipelined() {
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            values.put(server.key("many:" + i), bytes("value " + i));
        }
        long start = System.nanoTime();
        tier.putAll(values, MINUTE);
        assertTtlSince(start, 60_000, (Long) server.call("PTTL", server.key("many:1999")));
        // 4000 commands in one pipelined batch
        Map<String, SharedTier.StoredValue> found = tier.getAll(new ArrayList<>(values.keySet()));
        assertEquals(values.keySet(), found.keySet());
        assertArrayEquals(bytes("value 1234"), found.get(server.key("many:1234")).bytes());
        assertEquals(2000, tier.delete(values.keySet()));
    }

    @Test
    void delete_countsExistingKeys() {
        tier.put(server.key("del:a"), bytes("A"), MINUTE);
        tier.put(server.key("del:b"), bytes("B"), MINUTE);
        assertEquals(2, tier.delete(List.of(server.key("del:a"), server.key("del:b"), server.key("del:c"))));
        assertNull(tier.get(server.key("del:a")));
        assertEquals(0, tier.delete(List.of()));
    }

    /**
     * Keys as the key writer renders them: in a value, {@code * : [ ]} are escaped with {@code \}. A glob that
     * escapes the key text (backslash as {@code \\}, wildcard characters as {@code \*} ...) removes exactly the keys
     * of that value, never a key that an unescaped wildcard would also match.
     */
    @Test
    void deleteMatching_escapedGlobCharacters_removesExactlyTheMatchingKeys() {
        String p = server.namespace() + ":dm:";
        List<String> keys = List.of(
                p + "users:a\\*b",     // value "a*b"
                p + "users:axb",       // value "axb": matched by an unescaped a*b
                p + "users:a\\:x:b",   // values "a:x", "b"
                p + "users:a:x:b",     // values "a", "x", "b"
                p + "users:a\\[1\\]",  // value "a[1]"
                p + "users:a1",        // matched by an unescaped a[1]
                p + "orders:a\\*b");
        keys.forEach(k -> tier.put(k, bytes("v"), MINUTE));

        assertEquals(1, tier.deleteMatching(p + "users:a\\\\\\*b"));
        assertEquals(1, tier.deleteMatching(p + "users:a\\\\\\:x:*"));
        assertEquals(1, tier.deleteMatching(p + "users:a\\\\\\[1\\\\\\]"));
        assertEquals(Set.of(p + "users:axb", p + "users:a:x:b", p + "users:a1", p + "orders:a\\*b"),
                new HashSet<>(server.keys().stream().filter(k -> k.startsWith(p)).toList()));

        assertEquals(3, tier.deleteMatching(p + "users:*"));
        assertEquals(List.of(p + "orders:a\\*b"), server.keys().stream().filter(k -> k.startsWith(p)).toList());
        assertEquals(0, tier.deleteMatching(p + "users:*"));
    }

    @Test
    void deleteMatching_manyBatches() {
        String p = server.namespace() + ":batches:";
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (int i = 0; i < 1234; i++) {
            values.put(p + "hit:" + i, bytes("v"));
        }
        for (int i = 0; i < 100; i++) {
            values.put(p + "miss:" + i, bytes("v"));
        }
        tier.putAll(values, MINUTE);
        // scanCount 100: at least 13 SCAN batches
        assertEquals(1234, tier.deleteMatching(p + "hit:*"));
        assertEquals(100, server.keys().stream().filter(k -> k.startsWith(p)).count());
        assertEquals(100, tier.deleteMatching(p + "*"));
    }

    @Test
    void nullArguments_rejected() {
        assertThrows(NullPointerException.class, () -> tier.get(null));
        assertThrows(NullPointerException.class, () -> tier.getAll(Arrays.asList("a", null)));
        assertThrows(NullPointerException.class, () -> tier.put("k", null, MINUTE));
        assertThrows(IllegalArgumentException.class, () -> tier.deleteMatching(""));
    }

    @Test
    void isConnected_andToString() {
        assertTrue(tier.isConnected());
        assertTrue(tier.toString().contains("connected"), tier.toString());
    }
}
