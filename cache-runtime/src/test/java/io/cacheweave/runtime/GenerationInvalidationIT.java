package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invalidating an operation against a real Redis that holds many unrelated keys: a constant number of commands (one
 * {@code HINCRBY}, one {@code PUBLISH}, no {@code SCAN}), counted by Redis itself ({@code CONFIG RESETSTAT}, then
 * {@code INFO commandstats}), and none of the old entries is served again on either of two nodes.
 */
class GenerationInvalidationIT {
    private static final int ENTRIES = 200;
    private static final int UNRELATED_KEYS = 200_000;

    private RedisServer redis;
    private CacheRuntime nodeA;
    private CacheRuntime nodeB;
    private MethodCache a;
    private MethodCache b;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void start() {
        redis = RedisServers.local(List.of("--enable-debug-command", "yes"));
        Settings settings = Settings.builder().redisUrl(redis.url()).namespace(redis.namespace()).build();
        nodeA = CacheRuntime.builder().settings(settings).build();
        nodeB = CacheRuntime.builder().settings(settings).build();
        a = WovenCalls.textMethod(nodeA, "profile", 600, false);
        b = WovenCalls.textMethod(nodeB, "profile", 600, false);
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    private Object call(MethodCache m, String id) throws Exception {
        return WovenCalls.call(m, id, () -> "v:" + id + ":" + loads.incrementAndGet());
    }

    @Test
    void operation_withManyUnrelatedKeys_takesConstantCommands_andOldEntriesAreNeverServedAgain() throws Exception {
        List<Object> before = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            before.add(call(a, "" + i));
            assertEquals(before.get(i), call(b, "" + i)); // B takes it from Redis and holds it in memory
        }
        assertEquals(ENTRIES, loads.get());
        redis.call("DEBUG", "POPULATE", "" + UNRELATED_KEYS, "unrelated");
        assertTrue((Long) redis.call("DBSIZE") > UNRELATED_KEYS);

        redis.call("CONFIG", "RESETSTAT");
        nodeA.invalidateOperation("profile");
        Map<String, Long> commands = commandCalls();

        assertEquals(1L, commands.getOrDefault("hincrby", 0L), commands.toString());
        assertFalse(commands.containsKey("scan"), commands.toString());
        // The bus's heartbeats (PING), and this test's own connection (AUTH/HELLO/SELECT, CONFIG, INFO).
        commands.keySet().removeAll(List.of("ping", "info", "config", "auth", "hello", "select", "client"));
        assertEquals(Map.of("hincrby", 1L, "publish", 1L), commands);

        WovenCalls.awaitTrue(() -> !b.inMemory("0"), "B learned the new generation over the bus");
        for (int i = 0; i < ENTRIES; i++) {
            Object onA = call(a, "" + i);
            assertNotEquals(before.get(i), onA, "A served an entry of the old generation");
            assertEquals(onA, call(b, "" + i), "B reads the new generation's entry, written by A");
        }
        assertEquals(2 * ENTRIES, loads.get());
        assertTrue(redis.keys(redis.namespace() + ":v1@g1:profile:*").size() == ENTRIES);
    }

    @Test
    void nodeStartedAfterTheBump_readsTheGenerationOnce_andServesNoOldEntry() throws Exception {
        Object old = call(a, "1");
        nodeA.invalidateOperation("profile");
        Settings settings = Settings.builder().redisUrl(redis.url()).namespace(redis.namespace()).build();
        try (CacheRuntime nodeC = CacheRuntime.builder().settings(settings).build()) {
            MethodCache c = WovenCalls.textMethod(nodeC, "profile", 600, false);
            // Until its bus has proved it delivers, a node reads the generation on every shared-tier read.
            WovenCalls.awaitTrue(() -> nodeC.busHealth().servesMemoryTier(), "C's bus is healthy");
            redis.call("CONFIG", "RESETSTAT");
            Object fresh = call(c, "1");
            assertNotEquals(old, fresh);
            call(c, "2");
            call(c, "3");
            assertEquals(1L, commandCalls().getOrDefault("hget", 0L), "one read of the generation");
        }
    }

    /** @return calls per command since the last {@code CONFIG RESETSTAT}, by lower-case name */
    private Map<String, Long> commandCalls() {
        String info = redis.call("INFO", "commandstats").toString();
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':')).split("\\|")[0];
                int from = line.indexOf("calls=") + "calls=".length();
                calls.put(name, Long.parseLong(line.substring(from, line.indexOf(',', from))));
            }
        }
        return calls;
    }
}
