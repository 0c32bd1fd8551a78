package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Counts during an outage, on the tier stack production builds (a {@code GuardedTier} over a real Redis, from
 * {@code cacheweave.redis.url}): the operation's own shared-tier error and timeout counts rise, and writes the open
 * breaker skipped are not counted as {@code sharedWrites} (issue 13, item 6).
 */
class SharedTierOutageIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();


    private static Settings settings(RedisServer redis) {
        return Settings.builder().redis(r -> r.url(redis.url())).core(c -> c.namespace(redis.namespace()))
                .redis(r -> r.timeout(Duration.ofMillis(150))).breaker(b -> b.failureThreshold(3)
                .openDuration(Duration.ofMinutes(5))).build();
    }

    private static MonitorSnapshot.Tier redisTier(CacheRuntime runtime, String operation) {
        return runtime.monitor().snapshot().operations().stream().filter(o -> o.operation().equals(operation))
                .findFirst().orElseThrow().tiers().stream().filter(t -> t.tier().equals("redis")).findFirst()
                .orElseThrow(() -> new AssertionError("no redis tier for " + operation));
    }

    @Test
    void pausedRedis_programmaticCache_countsTimeouts_andSkippedWritesAreNotSharedWrites() {
        try (RedisServer redis = RedisServers.local();
                CacheRuntime runtime = CacheRuntime.builder().settings(settings(redis)).build()) {
            Cache<String, Note> cache = runtime.cache("notes", Note.class);
            cache.put("before", new Note("b", 1));
            assertEquals(1, runtime.stats("notes").orElseThrow().sharedWrites());

            redis.call("CLIENT", "PAUSE", "3000", "ALL");
            for (int i = 0; i < 3; i++) {
                cache.get("absent-" + i); // each read waits for the 150 ms timeout; the third opens the breaker
            }
            for (int i = 0; i < 50; i++) {
                cache.put("during-" + i, new Note("d", i)); // skipped by the open breaker
            }

            MonitorSnapshot.Tier tier = redisTier(runtime, "notes");
            assertEquals(3, tier.timeouts(), "reads that timed out, counted for the operation");
            assertEquals(0, tier.errors());
            assertEquals(1, runtime.stats("notes").orElseThrow().sharedWrites(),
                    "writes skipped while the breaker was open are not shared writes");
            assertEquals(new Note("d", 7), cache.get("during-7"), "the memory tier still serves");
            logs.assertLogged(Level.WARN, "circuit breaker opened after 3 consecutive failures (last: "
                    + "io.cacheweave.runtime.tier.TierTimeoutException");
        }
    }

    @Test
    void stoppedRedis_wovenMethod_countsErrors_andSkippedWritesAreNotSharedWrites() throws Exception {
        try (RedisServer redis = RedisServers.local();
                CacheRuntime runtime = CacheRuntime.builder().settings(settings(redis)).build()) {
            MethodCache m = WovenCalls.textMethod(runtime, "lookup", 60, false);
            WovenCalls.call(m, "before", () -> "v:before");
            assertEquals(1, runtime.stats("lookup").orElseThrow().sharedWrites());

            redis.stop();
            for (int i = 0; i < 20; i++) {
                String id = "during-" + i;
                assertEquals("v:" + id, WovenCalls.call(m, id, () -> "v:" + id));
            }

            MonitorSnapshot.Tier tier = redisTier(runtime, "lookup");
            assertTrue(tier.errors() + tier.timeouts() >= 3,
                    "failed calls counted for the operation: errors " + tier.errors() + ", timeouts "
                            + tier.timeouts());
            assertEquals(1, runtime.stats("lookup").orElseThrow().sharedWrites(),
                    "writes skipped or failed during the outage are not shared writes");
            logs.assertLogged(Level.WARN, "circuit breaker opened after 3 consecutive failures");
        }
    }
}
