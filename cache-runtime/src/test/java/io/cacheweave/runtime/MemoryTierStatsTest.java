package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 002's {@code get_stats()['utilization_percent']}, seed 003's count of expired entries and its
 * {@code cleanup_interval}: a programmatic cache's memory tier reports them, and the periodic clean-up drops the
 * expired entries of a tier nobody touches.
 */
class MemoryTierStatsTest {
    /** The runtimes' INFO lines and the warnings of the failures provoked, asserted on where they matter. */
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private final ManualClock clock = new ManualClock();

    private static MonitorSnapshot.MemoryFill memory(CacheRuntime runtime, String name) {
        return runtime.monitor().snapshot().operations().stream().filter(o -> o.operation().equals(name))
                .findFirst().orElseThrow().memory();
    }

    @Test
    void utilizationAndExpiredEntries_reported_cleanupIntervalDropsThem() throws Exception {
        Settings settings = Settings.builder().memory(m -> m.cleanupInterval(Duration.ofMillis(50))).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).clock(clock).build()) {
            Cache<String, String> users = runtime.<String, String>cacheBuilder("users").valueType(String.class)
                    .maximumSize(200).ttl(Duration.ofMinutes(10)).build();
            for (int i = 0; i < 50; i++) {
                users.put("user:" + i, "u" + i, i < 20 ? Duration.ofSeconds(30) : Duration.ofMinutes(10));
            }
            MonitorSnapshot.MemoryFill fill = memory(runtime, "users");
            assertEquals(50, fill.entries());
            assertEquals(200, fill.maxEntries());
            assertEquals(25.0, fill.utilizationPercent(), 1e-9);
            assertEquals(0, fill.expiredEntries());

            clock.advance(Duration.ofMinutes(1)); // 20 expire; nobody reads or writes the tier
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (memory(runtime, "users").entries() != 30 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            fill = memory(runtime, "users");
            assertEquals(30, fill.entries(), "the periodic clean-up dropped the expired entries");
            assertEquals(0, fill.expiredEntries());
            assertEquals(15.0, fill.utilizationPercent(), 1e-9);
        }
    }

    @Test
    void expiredEntries_countedUntilCleanedUp_withoutAnInterval() {
        try (CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().build()).clock(clock)
                .build()) {
            Cache<String, String> users = runtime.<String, String>cacheBuilder("users").valueType(String.class)
                    .maximumSize(100).build();
            for (int i = 0; i < 10; i++) {
                users.put("user:" + i, "u" + i, Duration.ofSeconds(i < 4 ? 5 : 600));
            }
            clock.advance(Duration.ofSeconds(10));
            MonitorSnapshot.MemoryFill fill = memory(runtime, "users");
            assertEquals(4, fill.expiredEntries(), fill.toString());
            users.cleanupExpired(); // (the snapshot's walk may already have let Caffeine drop them)
            assertEquals(0, memory(runtime, "users").expiredEntries());
            assertEquals(6, memory(runtime, "users").entries());
            assertTrue(memory(runtime, "users").maxBytes() > 0, "the byte bound, cacheweave.l1.max-bytes");
        }
    }
}
