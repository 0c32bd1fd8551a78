package io.cacheweave.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationsTest {
    private static final MonitorSnapshot.KeyKind NO_KEYS = new MonitorSnapshot.KeyKind(0, 0, 0, 0);

    private static OperationStats stats(long hits, long misses, long loads, long loadNanos, long evictions,
            long sharedHits, long decodeFailures) {
        return new OperationStats("op", hits, misses, loads, 0, loadNanos, 0, evictions, 0, 0, sharedHits, 0, 0,
                decodeFailures, 0, 0);
    }

    private static MonitorSnapshot.Operation op(OperationStats c, Duration ttl, List<MonitorSnapshot.SizeTier> v) {
        return new MonitorSnapshot.Operation("op", c, List.of(), new MonitorSnapshot.Keys(NO_KEYS, NO_KEYS), v,
                new MonitorSnapshot.Invalidations(0, 0, Map.of(), null), 0, ttl, MonitorSnapshot.Saved.NONE,
                MonitorSnapshot.MemoryFill.NONE);
    }

    private static List<String> settings(List<MonitorSnapshot.Operation> ops, List<MonitorSnapshot.TierHealth> tiers,
            long memory) {
        return Recommendations.of(ops, tiers, memory, 1000).stream().map(MonitorSnapshot.Recommendation::setting)
                .toList();
    }

    @Test
    void supportingCache_getsNoAdvice_evenWithNumbersThatWouldDrawIt() {
        MonitorSnapshot.Operation own = op(stats(3, 17, 17, 17, 0, 0, 0), Duration.ofHours(1), List.of());
        MonitorSnapshot.Operation manifest = new MonitorSnapshot.Operation("op-manifest", own.counters(), own.tiers(),
                own.keys(), own.values(), own.invalidations(), 0, Duration.ofNanos(1), MonitorSnapshot.Saved.NONE,
                MonitorSnapshot.MemoryFill.NONE, "op");
        assertEquals(List.of("cacheweave.ttl.op"), settings(List.of(own, manifest), List.of(), 0),
                "a 15% hit ratio in both; the supporting cache, whose TTL is also shorter than its loads, gets none");
        assertEquals(List.of(), settings(List.of(manifest), List.of(), 0));
    }

    @Test
    void healthyNumbers_noAdvice() {
        assertEquals(List.of(), settings(List.of(op(stats(90, 10, 10, 10_000_000, 0, 0, 0), Duration.ofHours(1),
                List.of())), List.of(), 999));
    }

    @Test
    void lowHitRatio_namesTheOperationTtl() {
        List<MonitorSnapshot.Recommendation> r = Recommendations.of(List.of(op(stats(3, 17, 17, 17, 0, 0, 0),
                Duration.ofHours(1), List.of())), List.of(), 0, 1000);
        assertEquals(1, r.size());
        assertEquals("op", r.get(0).subject());
        assertEquals("cacheweave.ttl.op", r.get(0).setting());
        assertEquals("only 15% of 20 calls were hits", r.get(0).finding());
    }

    @Test
    void lowHitRatio_needsEnoughCalls() {
        assertEquals(List.of(), settings(List.of(op(stats(0, 19, 19, 19, 0, 0, 0), Duration.ofHours(1), List.of())),
                List.of(), 0));
    }

    @Test
    void ttlShorterThanLoadTime() {
        assertEquals(List.of("cacheweave.ttl.op"), settings(List.of(op(stats(10, 2, 2, 6_000_000_000L, 0, 0, 0),
                Duration.ofSeconds(2), List.of())), List.of(), 0));
    }

    @Test
    void evictionsHighAgainstHits_memoryTierTooSmall() {
        assertEquals(List.of("cacheweave.l1.max-entries"), settings(List.of(op(stats(300, 50, 50, 50, 200, 150, 0),
                Duration.ofHours(1), List.of())), List.of(), 0));
        assertEquals(List.of(), settings(List.of(op(stats(300, 50, 50, 50, 99, 250, 0), Duration.ofHours(1),
                List.of())), List.of(), 0), "fewer than 100 evictions say nothing yet");
    }

    @Test
    void compressionSavingUnderTenPercent() {
        List<MonitorSnapshot.SizeTier> poor = List.of(new MonitorSnapshot.SizeTier("small", 100, 100, 1300, 0, 0),
                new MonitorSnapshot.SizeTier("medium", 6, 6000, 5700, 6, 1000),
                new MonitorSnapshot.SizeTier("large", 4, 40_000, 36_500, 4, 1000));
        assertEquals(List.of("cacheweave.compression.threshold"), settings(List.of(op(stats(90, 10, 10, 10, 0, 0, 0),
                Duration.ofHours(1), poor)), List.of(), 0));
        List<MonitorSnapshot.SizeTier> good = List.of(new MonitorSnapshot.SizeTier("large", 10, 40_000, 16_000, 10,
                1000));
        assertEquals(List.of(), settings(List.of(op(stats(90, 10, 10, 10, 0, 0, 0), Duration.ofHours(1), good)),
                List.of(), 0));
    }

    @Test
    void decodeFailures_schemaVersion() {
        assertEquals(List.of("cacheweave.schema-version"), settings(List.of(op(stats(90, 10, 10, 10, 0, 0, 3),
                Duration.ofHours(1), List.of())), List.of(), 0));
    }

    @Test
    void tierTimeoutsAndMemory_runtimeWide() {
        List<MonitorSnapshot.TierHealth> tiers = List.of(new MonitorSnapshot.TierHealth("redis", "redis://h:6379",
                "CLOSED", 2, 1, 10, 0));
        List<MonitorSnapshot.Recommendation> r = Recommendations.of(List.of(), tiers, 1000, 1000);
        assertEquals(List.of("cacheweave.redis.timeout", "cacheweave.l1.max-entries"),
                r.stream().map(MonitorSnapshot.Recommendation::setting).toList());
        assertEquals("", r.get(0).subject());
        assertEquals("the memory tiers hold an estimated 0.0 MiB, above the warning threshold of 0.0 MiB",
                r.get(1).finding());
    }
}
