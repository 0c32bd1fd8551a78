package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import io.cacheweave.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.config.MonitorSettings;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.CacheObserver;
import io.cacheweave.runtime.stats.MonitorJson;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.OperationStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor of a runtime with a shared tier, driven by known call sequences on a manual clock. */
class MonitorTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final ManualClock clock = new ManualClock();
    private final InMemorySharedTier tier = new InMemorySharedTier(clock);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private CacheRuntime runtime;

    private CacheRuntime runtime(java.util.function.Consumer<MonitorSettings.Builder> monitor) {
        Settings settings = Settings.builder().core(c -> c.keyHashThreshold(20))
                .monitor(m -> monitor.accept(m.jmx(false)))
                .build();
        runtime = CacheRuntime.builder().settings(settings).clock(clock)
                .sharedTier(tier, JsonValueCodec.create()).build();
        runtime.monitor().addObserver(new CacheObserver() {
            @Override
            public void onSharedGet(String operation, String tierName, boolean hit, long start, long nanos) {
                events.add("get " + operation + " " + tierName + " " + hit);
            }

            @Override
            public void onLoad(String operation, long start, long nanos, Throwable failure) {
                events.add("load " + operation + (failure == null ? "" : " failed"));
            }

            @Override
            public void onInvalidation(String operation, String target, String context, long keysRemoved) {
                events.add("invalidate " + operation + " " + target + " " + context + " " + keysRemoved);
            }

            @Override
            public void onAlert(MonitorSnapshot.Alert alert) {
                events.add("alert " + alert.kind() + " " + alert.level());
            }
        });
        return runtime;
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static Object call(MethodCache m, String id, String value) throws Exception {
        return WovenCalls.call(m, id, () -> value);
    }

    private static MonitorSnapshot.Operation operation(MonitorSnapshot s, String name) {
        return s.operations().stream().filter(o -> o.operation().equals(name)).findFirst().orElseThrow();
    }

    private static MonitorSnapshot.Tier tier(MonitorSnapshot.Operation op, String name) {
        return op.tiers().stream().filter(t -> t.tier().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void snapshot_countsAKnownCallSequencePerTier() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> { }), "lookup", 60, false);
        call(m, "1", "one");      // miss: shared miss, load, shared write
        call(m, "1", "one");      // memory hit
        call(m, "2", "two");      // miss
        call(m, "1", "one");      // memory hit
        MethodCache other = WovenCalls.textMethod(runtime, "lookup2", 60, false);
        call(other, "1", "one");  // miss of another operation: found in the shared tier? no: other key prefix
        MonitorSnapshot s = runtime.monitor().snapshot();

        MonitorSnapshot.Operation op = operation(s, "lookup");
        OperationStats c = op.counters();
        assertEquals(List.of(2L, 2L, 2L, 0L, 2L, 2L), List.of(c.hits(), c.misses(), c.loads(), c.sharedHits(),
                c.sharedMisses(), c.sharedWrites()));
        MonitorSnapshot.Tier memory = tier(op, "memory");
        assertEquals(2, memory.hits());
        assertEquals(2, memory.misses());
        MonitorSnapshot.Tier shared = tier(op, "shared");
        assertEquals(0, shared.hits());
        assertEquals(2, shared.misses());
        assertEquals(2, shared.get().count(), "one timed shared-tier get per memory-tier miss");
        assertEquals(2, shared.put().count());
        assertEquals(Duration.ofSeconds(60), op.ttl());
        assertEquals(List.of("get lookup shared false", "load lookup", "get lookup shared false", "load lookup",
                "get lookup2 shared false", "load lookup2"), events);
        assertEquals(List.of("lookup", "lookup2"), s.operations().stream().map(MonitorSnapshot.Operation::operation)
                .toList());
        assertTrue(op.memoryBytes() > 2 * 96, "two entries above the fixed per-entry overhead: " + op.memoryBytes());
        assertEquals(s.operations().stream().mapToLong(MonitorSnapshot.Operation::memoryBytes).sum(),
                s.memoryBytes());
        assertEquals(List.of(new MonitorSnapshot.TierHealth("shared", String.valueOf(tier), "CLOSED", 0, 0, 0, 0)),
                s.tiers());
        assertNull(s.redis(), "no Redis behind this runtime");
    }

    @Test
    void sharedGet_anUndecodableValueIsNotAHit() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> { }), "lookup", 60, false);
        tier.put("cacheweave:v1:lookup:1", new byte[] {1, 2, 3}, Duration.ofMinutes(1));
        call(m, "1", "one");
        assertEquals(List.of("get lookup shared false", "load lookup"), events);
        OperationStats c = operation(runtime.monitor().snapshot(), "lookup").counters();
        assertEquals(List.of(1L, 1L, 0L), List.of(c.decodeFailures(), c.sharedMisses(), c.sharedHits()));
    }

    @Test
    void snapshot_keysPlainAndHashed() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> { }), "lookup", 60, false);
        call(m, "abc", "v");                       // "lookup:abc": 10 characters, plain
        call(m, "x".repeat(50), "v");              // hashed above 20 characters: 7 + 50 characters rendered from
        call(m, "abc", "v");                       // hit: no key rendered
        MonitorSnapshot.Keys keys = operation(runtime.monitor().snapshot(), "lookup").keys();
        assertEquals(1, keys.plain().count());
        assertEquals(10.0, keys.plain().meanTextLength());
        assertEquals(10, keys.plain().maxTextLength());
        assertEquals(1, keys.hashed().count());
        assertEquals(57.0, keys.hashed().meanTextLength());
        assertEquals(57, keys.hashed().maxTextLength());
        assertTrue(keys.plain().meanNanos() > 0 && keys.hashed().meanNanos() > 0);
    }

    @Test
    void snapshot_valuesBySizeTier_withCompression() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> x.mediumBytes(100).largeBytes(2000)
                .xlargeBytes(8000)), "lookup", 60, false);
        call(m, "small", "tiny");                               // JSON "tiny": 6 bytes
        call(m, "medium", "m".repeat(198));                     // 200 bytes, under the compression threshold
        call(m, "large", "the same words again ".repeat(200));  // 4202 bytes, compressed
        call(m, "xlarge", "x".repeat(9998));                    // 10000 bytes: seed 002's third tier
        List<MonitorSnapshot.SizeTier> values = operation(runtime.monitor().snapshot(), "lookup").values();
        assertEquals(List.of("small", "medium", "large", "xlarge"),
                values.stream().map(MonitorSnapshot.SizeTier::sizeTier).toList());
        assertEquals(1, values.get(3).values());
        assertEquals(10000, values.get(3).rawBytes());
        assertEquals(new MonitorSnapshot.SizeTier("small", 1, 6, 18, 0, 0), values.get(0));
        assertEquals(new MonitorSnapshot.SizeTier("medium", 1, 200, 212, 0, 0), values.get(1));
        MonitorSnapshot.SizeTier large = values.get(2);
        assertEquals("large", large.sizeTier());
        assertEquals(1, large.values());
        assertEquals(4202, large.rawBytes());
        assertEquals(1, large.compressed());
        byte[] stored = tier.entries.get("cacheweave:v1:lookup:large").bytes();
        assertEquals(stored.length, large.storedBytes());
        assertTrue(large.compressionRatio() > 10, "repetitive text compresses well: " + large.compressionRatio());
        assertTrue(large.compressionNanos() > 0);
    }

    @Test
    void invalidation_countTargetContextAndKeysRemoved() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> { }), "lookup", 60, false);
        call(m, "1", "one");
        call(m, "2", "two");
        events.clear();
        runtime.invalidatePattern("lookup:1", "nightly job");       // one memory entry and one shared entry
        runtime.invalidateOperation("lookup");                        // the other: one in memory, one shared
        runtime.withContext("Service.reset()").operation("lookup"); // nothing left
        MonitorSnapshot.Invalidations inv = operation(runtime.monitor().snapshot(), "lookup").invalidations();
        assertEquals(3, inv.count());
        assertEquals(2, inv.keysRemoved(), "each entry was in both tiers and counts once");
        assertEquals(Map.of("nightly job", 1L, "", 1L, "Service.reset()", 1L), inv.byContext());
        assertEquals("operation:lookup", inv.last().target());
        assertEquals("Service.reset()", inv.last().context());
        assertEquals(0, inv.last().keysRemoved());
        assertEquals(List.of("invalidate lookup lookup:1 nightly job 1", "invalidate lookup operation:lookup  1",
                "invalidate lookup operation:lookup Service.reset() 0"), events);
    }

    @Test
    void topKeys_sampledHitsAndEveryMiss() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> { }), "lookup", 60, false);
        for (int i = 0; i < 3000; i++) {
            call(m, "hot", "v"); // 1 miss, 2999 hits: sampled at the 1024th and 2048th
        }
        for (int i = 0; i < 5; i++) {
            call(m, "cold" + i, "v");
        }
        List<MonitorSnapshot.KeyCount> top = runtime.monitor().snapshot().topKeys();
        assertEquals(new MonitorSnapshot.KeyCount("lookup:hot", 1 + 2 * (2999 / 2)), top.get(0),
                "two samples, each standing for half of the 2999 hits");
        assertEquals(6, top.size());
        assertEquals(1, top.get(5).count());
    }

    @Test
    void history_samplesPerIntervalAndPrunesBeyondRetention() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> x.interval(Duration.ofSeconds(10))
                .retention(Duration.ofMinutes(1))), "lookup", 3600, false);
        for (int step = 1; step <= 20; step++) {
            call(m, "k" + step, "v");  // a miss
            call(m, "k" + step, "v");  // a hit
            call(m, "k" + step, "v");  // a hit
            clock.advance(Duration.ofSeconds(10));
            runtime.monitor().snapshot();
        }
        RuntimeMonitor monitor = (RuntimeMonitor) runtime.monitor();
        MonitorSnapshot s = monitor.snapshot();
        List<MonitorSnapshot.HistoryPoint> points = s.history();
        assertEquals(7, points.size(), "samples at 140 s to 200 s; older ones are pruned");
        assertEquals(7, monitor.historySize());
        assertEquals(s.takenAt().minusSeconds(60), points.get(0).at());
        assertEquals(s.takenAt(), points.get(6).at());
        for (MonitorSnapshot.HistoryPoint p : points) {
            assertEquals(2, p.hits());
            assertEquals(1, p.misses());
            assertEquals(2.0 / 3, p.hitRatio(), 1e-9);
        }
    }

    @Test
    void snapshot_whatCachingSavedAndHowFullTheMemoryTierIs() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> { }), "lookup", 60, false);
        call(m, "1", "one");      // miss: load
        call(m, "1", "one");      // hit
        call(m, "1", "one");      // hit
        call(m, "2", "two");      // miss: load
        MethodCache other = WovenCalls.textMethod(runtime, "lookup2", 60, false);
        call(other, "1", "one");
        call(other, "1", "one");
        MonitorSnapshot s = runtime.monitor().snapshot();

        MonitorSnapshot.Operation op = operation(s, "lookup");
        assertEquals(2, op.saved().calls(), "the hits: calls answered without running the method");
        assertEquals(op.counters().averageLoadNanos(), op.saved().meanLoadNanos(), 1e-6,
                "both loads are in the latency window");
        assertEquals(Math.round(2 * op.saved().meanLoadNanos()), op.saved().estimatedNanos());
        assertEquals(new MonitorSnapshot.MemoryFill(2, runtime.settings().memory().maxEntries(), op.memoryBytes(),
                runtime.settings().memory().maxBytes()), op.memory(), "entries and bytes against both bounds");
        MonitorSnapshot.Operation op2 = operation(s, "lookup2");
        assertEquals(new MonitorSnapshot.Saved(3, 0, 0).calls(), op.saved().calls() + op2.saved().calls());
        assertEquals(new MonitorSnapshot.Saved(3, (double) (op.saved().estimatedNanos()
                + op2.saved().estimatedNanos()) / 3, op.saved().estimatedNanos() + op2.saved().estimatedNanos()),
                s.saved());
        assertEquals(op.memory().plus(op2.memory()), s.memory());
        assertEquals(s.memoryBytes(), s.memory().bytes());
    }

    @Test
    void history_anIdleInterval_isNoDataNotZero() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> x.interval(Duration.ofSeconds(10))), "lookup", 3600,
                false);
        call(m, "1", "one");
        call(m, "1", "one");
        clock.advance(Duration.ofSeconds(10));
        runtime.monitor().snapshot();               // the first interval: a miss and a hit
        clock.advance(Duration.ofSeconds(10));
        MonitorSnapshot s = runtime.monitor().snapshot(); // the second: nothing happened
        List<MonitorSnapshot.HistoryPoint> points = s.history();
        assertEquals(2, points.size());
        assertEquals(0.5, points.get(0).hitRatio(), 1e-12);
        assertEquals(Math.round(operation(s, "lookup").saved().meanLoadNanos()), points.get(0).savedNanos(),
                "one hit valued at the mean load time");
        assertNull(points.get(1).hitRatio());
        assertNull(points.get(1).savedNanos());
        assertEquals(1, points.get(1).memoryEntries());
        assertTrue(MonitorJson.write(s).contains("\"hitRatio\":null"), "the JSON says: no data");
    }

    @Test
    void history_samplesStayOnTheIntervalGrid_whateverTakesThem() throws Exception {
        WovenCalls.textMethod(runtime(x -> x.interval(Duration.ofSeconds(10))), "lookup", 3600, false);
        RuntimeMonitor monitor = (RuntimeMonitor) runtime.monitor();
        java.time.Instant start = monitor.snapshot().takenAt();
        clock.advance(Duration.ofSeconds(10));
        monitor.snapshot();                           // due: the page polled at 10 s
        clock.advance(Duration.ofSeconds(3));
        monitor.snapshot();                           // 13 s: not due
        clock.advance(Duration.ofMillis(6_500));
        monitor.tick();                               // 19.5 s: a tick a little early still takes the 20 s sample
        clock.advance(Duration.ofMillis(10_500));
        monitor.tick();                               // 30 s
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofMillis(19_500), Duration.ofSeconds(30)),
                monitor.snapshot().history().stream().map(p -> Duration.between(start, p.at())).toList(),
                "one sample per interval; none waits a second interval");
    }

    @Test
    void json_roundTrip() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> { }), "lookup", 60, false);
        call(m, "1", "one");
        call(m, "1", "one");
        runtime.invalidatePattern("lookup:*", "test");
        clock.advance(Duration.ofSeconds(10));
        MonitorSnapshot s = runtime.monitor().snapshot();
        String json = MonitorJson.write(s);
        assertTrue(json.contains("\"retention\":\"PT1H\""), json);
        assertTrue(json.contains("\"operation\":\"lookup\""), json);
        assertEquals(s, MonitorJson.read(json));
        assertEquals(MonitorJson.read(runtime.monitor().snapshotJson()).operations(), s.operations());
    }

    @Test
    void monitorOff_keepsCountersOnly() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime(x -> x.enabled(false)), "lookup", 60, false);
        call(m, "1", "one");
        call(m, "1", "one");
        clock.advance(Duration.ofSeconds(30));
        MonitorSnapshot s = runtime.monitor().snapshot();
        MonitorSnapshot.Operation op = operation(s, "lookup");
        assertEquals(1, op.counters().hits());
        assertEquals(List.of("memory"), op.tiers().stream().map(MonitorSnapshot.Tier::tier).toList());
        assertEquals(List.of(), s.history());
        assertEquals(List.of(), s.topKeys());
        assertEquals(List.of(), events, "no events without recording");
    }
}
