package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.tier.RedisInfo;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.RedisTierConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor of a runtime on a real Redis: tier latencies and health, and what Redis reports about itself. */
class MonitorRedisIT {
    private RedisServer redis;

    @BeforeEach
    void start() {
        redis = RedisServers.standalone();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void snapshot_redisTierLatenciesHealthAndInfo() throws Exception {
        Settings settings = redis.settings().monitor(m -> m.jmx(false)).build();
        try (CacheRuntime a = CacheRuntime.builder().settings(settings).build();
                CacheRuntime b = CacheRuntime.builder().settings(settings).build()) {
            MethodCache onA = WovenCalls.textMethod(a, "info", 600, false);
            MethodCache onB = WovenCalls.textMethod(b, "info", 600, false);
            WovenCalls.call(onA, "1", () -> "one"); // Redis miss, write
            WovenCalls.call(onB, "1", () -> "one"); // Redis hit on the other node
            WovenCalls.call(onB, "1", () -> "one"); // memory hit

            MonitorSnapshot s = b.monitor().snapshot();
            MonitorSnapshot.Operation op = s.operations().get(0);
            MonitorSnapshot.Tier memory = op.tiers().get(0);
            MonitorSnapshot.Tier tier = op.tiers().get(1);
            assertEquals(List.of("memory", "redis"), op.tiers().stream().map(MonitorSnapshot.Tier::tier).toList());
            assertEquals(1, memory.hits());
            assertEquals(1, memory.misses());
            assertEquals(1, tier.hits());
            assertEquals(0, tier.misses());
            assertEquals(1, tier.get().count());
            assertTrue(tier.get().max() > 0);
            assertEquals(0, tier.put().count(), "node b wrote nothing");
            assertEquals(List.of(new MonitorSnapshot.TierHealth("redis", RedisTierConfig.of(redis.url())
                    .redactedUrl(), "CLOSED", 0, 0, 0, 0)), s.tiers());
            MonitorSnapshot.RedisServer info = s.redis();
            assertNotNull(info);
            assertTrue(info.usedMemoryBytes() > 0);
            assertTrue(info.keyspaceHits() >= 1, "node b's GET hit");
            assertTrue(info.connectedClients() >= 2);
            assertTrue(info.commandsProcessed() >= 4);
            // seed 001's get_cache_stats(): hit_rate as a percentage, used_memory as used_memory_human
            assertEquals(100.0 * info.keyspaceHits() / (info.keyspaceHits() + info.keyspaceMisses()),
                    info.hitRatePercent(), 1e-9);
            String human = ((String) redis.call("INFO", "memory")).lines()
                    .filter(l -> l.startsWith("used_memory_human:")).findFirst().orElseThrow().substring(18).strip();
            assertTrue(info.usedMemoryHuman().matches("\\d+\\.\\d\\d[KMG]")
                    && human.endsWith(info.usedMemoryHuman().substring(info.usedMemoryHuman().length() - 1)),
                    info.usedMemoryHuman() + " vs Redis' " + human);
            assertEquals("889.88K", MonitorSnapshot.RedisServer.human(911_237));
            assertEquals("512B", MonitorSnapshot.RedisServer.human(512));
            assertEquals(info, io.cacheweave.runtime.stats.MonitorJson.read(
                    io.cacheweave.runtime.stats.MonitorJson.write(s)).redis());
            assertEquals(1, a.monitor().snapshot().operations().get(0).tiers().get(1).put().count());
        }
    }

    @Test
    void info_cachedForAFewSeconds_andNullWhenRedisIsGone() {
        RedisServer own = RedisServers.standalone();
        RedisTier tier = RedisTier.connect(own.tierConfig());
        try {
            RedisInfo first = tier.info();
            assertNotNull(first);
            tier.get(own.key("x"));
            assertEquals(first, tier.info(), "the same reading within five seconds");
        } finally {
            tier.close();
            own.close();
        }
        assertNull(tier.info(), "a closed tier cannot ask");
    }
}
