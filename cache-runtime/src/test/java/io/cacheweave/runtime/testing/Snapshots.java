package io.cacheweave.runtime.testing;

import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.MonitorSnapshot.Alert;
import io.cacheweave.runtime.stats.MonitorSnapshot.HistoryPoint;
import io.cacheweave.runtime.stats.MonitorSnapshot.Invalidations;
import io.cacheweave.runtime.stats.MonitorSnapshot.KeyCount;
import io.cacheweave.runtime.stats.MonitorSnapshot.KeyKind;
import io.cacheweave.runtime.stats.MonitorSnapshot.Keys;
import io.cacheweave.runtime.stats.MonitorSnapshot.Latency;
import io.cacheweave.runtime.stats.MonitorSnapshot.MemoryFill;
import io.cacheweave.runtime.stats.MonitorSnapshot.Recommendation;
import io.cacheweave.runtime.stats.MonitorSnapshot.SizeTier;
import io.cacheweave.runtime.stats.MonitorSnapshot.Tier;
import io.cacheweave.runtime.stats.MonitorSnapshot.TierHealth;
import io.cacheweave.runtime.stats.OperationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Snapshots with known numbers, for tests of the monitor's faces. */
public final class Snapshots {
    /** When {@link #sample(int)} of poll 0 was taken. */
    public static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    private Snapshots() {
    }

    /** The mean load time {@code summarize}'s savings are valued at (its loads since the start average 300 ms). */
    public static final double SUMMARIZE_MEAN_LOAD_NANOS = 250_000_000.0;
    /** The mean load time {@code sentiment}'s savings are valued at. */
    public static final double SENTIMENT_MEAN_LOAD_NANOS = 300_000_000.0;
    /** The history points (of ten) in which {@code sentiment} had no call. */
    public static final List<Integer> SENTIMENT_IDLE = List.of(4, 5);

    /**
     * Two operations, {@code summarize} (memory and Redis tiers, a byte bound) and {@code sentiment} (memory only,
     * no byte bound), one Redis tier, an alert, a recommendation and ten history points per operation, of which
     * {@code sentiment} was idle in {@link #SENTIMENT_IDLE}. Poll {@code n} adds {@code 10 n} hits to
     * {@code summarize} (and what they saved) and is taken {@code n} seconds after {@link #T0}; every other number is
     * fixed.
     *
     * @param n the poll number, from 0
     * @return the snapshot
     */
    public static MonitorSnapshot sample(int n) {
        Instant at = T0.plusSeconds(n);
        OperationStats summarize = new OperationStats("summarize", 30 + 10L * n, 10, 9, 1, 3_000_000_000L, 2, 4, 1, 3,
                12, 8, 9, 0, 0, 1);
        OperationStats sentiment = new OperationStats("sentiment", 5, 15, 15, 0, 4_500_000_000L, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0);
        MonitorSnapshot.Operation s = new MonitorSnapshot.Operation("summarize", summarize, List.of(
                new Tier("memory", 18 + 10L * n, 22, new Latency(40, 800, 1_500, 2_600, 9_000), new Latency(9, 2_000,
                        4_000, 5_000, 5_000), 0, 0),
                new Tier("redis", 12, 10, new Latency(22, 1_500_000, 2_750_000, 3_100_000, 4_200_000),
                        new Latency(9, 1_200_000, 1_900_000, 2_000_000, 2_000_000), 2, 1)),
                new Keys(new KeyKind(40, 150.5, 80.0, 200), new KeyKind(2, 4_100.0, 12_000.0, 15_000)),
                List.of(new SizeTier("small", 5, 2_000, 2_000, 0, 0), new SizeTier("medium", 3, 30_000, 12_000, 3,
                        900_000), new SizeTier("large", 1, 160_000, 40_000, 1, 2_500_000)),
                new Invalidations(3, 7, Map.of("", 2L, "model-update", 1L), new MonitorSnapshot.InvalidationEvent(
                        T0.minusSeconds(30), "operation:summarize", "model-update", 4)),
                524_288, Duration.ofHours(2), saved(summarize.hits(), SUMMARIZE_MEAN_LOAD_NANOS),
                new MemoryFill(1_200, 10_000, 524_288, 1_048_576L));
        MonitorSnapshot.Operation t = new MonitorSnapshot.Operation("sentiment", sentiment, List.of(
                new Tier("memory", 5, 15, new Latency(20, 600, 900, 1_000, 1_200), Latency.NONE, 0, 0)),
                new Keys(new KeyKind(20, 90.0, 60.0, 120), new KeyKind(0, 0, 0, 0)), List.of(),
                new Invalidations(0, 0, Map.of(), null), 65_536, Duration.ofDays(1),
                saved(sentiment.hits(), SENTIMENT_MEAN_LOAD_NANOS), new MemoryFill(80, 10_000, 65_536, null));
        List<HistoryPoint> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant p = at.minusSeconds(60L * (10 - i));
            if (SENTIMENT_IDLE.contains(i)) {
                history.add(new HistoryPoint(p, "sentiment", 0, 0, null, null, null, null, 80, 65_536));
            } else {
                history.add(new HistoryPoint(p, "sentiment", i, 10 - i, i / 10.0, 500 + 10L * i, 1_000 + 20L * i,
                        Math.round(i * SENTIMENT_MEAN_LOAD_NANOS), 80, 65_536));
            }
            history.add(new HistoryPoint(p, "summarize", 2L * i, 2, 2.0 * i / (2.0 * i + 2), 1_000 + 100L * i,
                    2_000_000 + 50_000L * i, Math.round(2 * i * SUMMARIZE_MEAN_LOAD_NANOS), 1_000 + 20L * i,
                    400_000 + 10_000L * i));
        }
        List<MonitorSnapshot.Operation> operations = List.of(t, s);
        return new MonitorSnapshot(at, Duration.ofHours(1), operations,
                List.of(new TierHealth("redis", "redis://localhost:6379", "HALF_OPEN", 2, 5, 1, 3)),
                new MonitorSnapshot.RedisServer(120, 30, 1_048_576, 3, 9_000),
                List.of(new KeyCount("summarize:hello", 25), new KeyCount("sentiment:hi", 7)), 589_824,
                List.of(new Alert("slow-operation", "WARNING", "summarize", "summarize p99 3.1 ms over 2 ms",
                        T0.minusSeconds(5))),
                List.of(new Recommendation("sentiment", "hit ratio 25%: few calls repeat within the TTL",
                        "cacheweave.ttl.sentiment", "raise the TTL or check the key")),
                history, io.cacheweave.runtime.stats.Savings.total(operations),
                MemoryFill.total(List.of(t.memory(), s.memory())));
    }

    /**
     * {@link #sample(int)} with two rows of work saved at the source, as a chat cache contributes them: cache
     * {@code support} served model {@code gpt-4o} {@code 3 + n} exact and 1 semantic hits (priced) and model
     * {@code local-llama} 2 exact hits (no price).
     *
     * @param n the poll number, from 0
     * @return the snapshot
     */
    public static MonitorSnapshot withUsage(int n) {
        MonitorSnapshot s = sample(n);
        java.util.LinkedHashMap<String, Long> gptHits = new java.util.LinkedHashMap<>();
        gptHits.put("exact", 3L + n);
        gptHits.put("semantic", 1L);
        java.util.LinkedHashMap<String, Long> gptTokens = new java.util.LinkedHashMap<>();
        gptTokens.put("input tokens", 1_200L * (4 + n));
        gptTokens.put("output tokens", 300L * (4 + n));
        double gptCost = (1_200.0 * (4 + n) * 2.50 + 300.0 * (4 + n) * 10.00) / 1_000_000;
        java.util.LinkedHashMap<String, Long> llamaTokens = new java.util.LinkedHashMap<>();
        llamaTokens.put("input tokens", 800L);
        llamaTokens.put("output tokens", 150L);
        return new MonitorSnapshot(s.takenAt(), s.retention(), s.operations(), s.tiers(), s.redis(), s.topKeys(),
                s.memoryBytes(), s.alerts(), s.recommendations(), s.history(), s.saved(), s.memory(), List.of(
                        new MonitorSnapshot.UsageSaved("support", "gpt-4o", gptHits, 5, gptTokens, gptCost),
                        new MonitorSnapshot.UsageSaved("support", "local-llama", Map.of("exact", 2L), 7, llamaTokens,
                                null)));
    }

    /** The supporting caches of {@link #withSupporting(int)}, in the order of its operations (sorted by name). */
    public static final List<String> SUPPORTING = List.of("index-of-summarize", "orphan-questions",
            "summarize-manifest");

    /**
     * {@link #sample(int)} with three internal (supporting) caches, as a library's own caches appear: the application's
     * operations' numbers are the same; {@code index-of-summarize} (12 hits, 3 misses) and {@code summarize-manifest}
     * (0 hits, 40 misses: a 0% hit ratio that advice would flag) serve {@code summarize}; {@code orphan-questions}
     * (1 hit, 1 miss) serves {@code gone}, which has no row. Each has history points (the manifest's at a 0% hit
     * ratio) and the manifest a top key. Operations sorted by name, so the supporting caches are not next to the cache
     * they serve; the saved total is the application's ({@link io.cacheweave.runtime.stats.Savings#total}).
     *
     * @param n the poll number, from 0
     * @return the snapshot
     */
    public static MonitorSnapshot withSupporting(int n) {
        MonitorSnapshot s = sample(n);
        List<MonitorSnapshot.Operation> operations = new ArrayList<>(s.operations());
        operations.add(supporting("index-of-summarize", "summarize", 12, 3, 2_048));
        operations.add(supporting("orphan-questions", "gone", 1, 1, 512));
        operations.add(supporting("summarize-manifest", "summarize", 0, 40, 4_096));
        operations.sort(java.util.Comparator.comparing(MonitorSnapshot.Operation::operation));
        List<HistoryPoint> history = new ArrayList<>(s.history());
        for (int i = 0; i < 10; i++) {
            Instant p = s.takenAt().minusSeconds(60L * (10 - i));
            history.add(new HistoryPoint(p, "summarize-manifest", 0, 4, 0.0, null, null, 0L, 16, 4_096));
            history.add(new HistoryPoint(p, "index-of-summarize", 1, 0, 1.0, null, null, 0L, 8, 2_048));
        }
        List<KeyCount> keys = new ArrayList<>(s.topKeys());
        keys.add(new KeyCount("summarize-manifest:[s\\,0]", 40));
        return new MonitorSnapshot(s.takenAt(), s.retention(), operations, s.tiers(), s.redis(), keys,
                s.memoryBytes() + 2_048 + 512 + 4_096, s.alerts(), s.recommendations(), history,
                io.cacheweave.runtime.stats.Savings.total(operations), MemoryFill.total(operations.stream()
                        .map(MonitorSnapshot.Operation::memory).toList()));
    }

    private static MonitorSnapshot.Operation supporting(String name, String supports, long hits, long misses,
            long bytes) {
        OperationStats c = new OperationStats(name, hits, misses, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        return new MonitorSnapshot.Operation(name, c, List.of(new Tier("memory", hits, misses, Latency.NONE,
                Latency.NONE, 0, 0)), new Keys(new KeyKind(hits + misses, 100.0, 40.0, 60), new KeyKind(0, 0, 0, 0)),
                List.of(), new Invalidations(0, 0, Map.of(), null), bytes, Duration.ofHours(1),
                saved(hits, 0), new MemoryFill(hits, 10_000, bytes, null), supports);
    }

    private static MonitorSnapshot.Saved saved(long hits, double meanLoadNanos) {
        return new MonitorSnapshot.Saved(hits, meanLoadNanos, Math.round(hits * meanLoadNanos));
    }
}
