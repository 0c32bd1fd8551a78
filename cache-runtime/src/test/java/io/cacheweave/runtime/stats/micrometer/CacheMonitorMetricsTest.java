package io.cacheweave.runtime.stats.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.stats.CacheMeter;
import io.cacheweave.runtime.testing.ScriptedMonitor;
import io.cacheweave.runtime.testing.Snapshots;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CacheMonitorMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double timeGauge(String name, TimeUnit unit, String... tags) {
        return registry.get(name).tags(tags).timeGauge().value(unit);
    }

    @Test
    void bindTo_publishesTheSnapshotUnderMicrometerCacheNames() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        new CacheMonitorMetrics(monitor, Tags.of("app", "demo"), Duration.ofSeconds(1), nanos::get)
                .bindTo(registry);

        assertEquals(30, counter("cache.gets", "cache", "summarize", "result", "hit", "app", "demo"));
        assertEquals(10, counter("cache.gets", "cache", "summarize", "result", "miss"));
        assertEquals(5, counter("cache.gets", "cache", "sentiment", "result", "hit"));
        assertEquals(15, counter("cache.gets", "cache", "sentiment", "result", "miss"));
        assertEquals(9, counter("cache.puts", "cache", "summarize"));
        assertEquals(4, counter("cache.evictions", "cache", "summarize"));
        assertEquals(1, counter("cache.expirations", "cache", "summarize"));
        assertEquals(3, counter("cache.invalidations", "cache", "summarize"));
        assertEquals(9, counter("cache.load", "cache", "summarize", "result", "success"));
        assertEquals(1, counter("cache.load", "cache", "summarize", "result", "failure"));
        assertEquals(3.0, timeGauge("cache.load.duration", TimeUnit.SECONDS, "cache", "summarize"));
        assertEquals(4.5, timeGauge("cache.load.duration", TimeUnit.SECONDS, "cache", "sentiment"));
        assertEquals(2, counter("cache.waits", "cache", "summarize", "kind", "single-flight"));
        assertEquals(1, counter("cache.waits", "cache", "summarize", "kind", "lease"));

        assertEquals(12, counter("cache.tier.gets", "cache", "summarize", "tier", "redis", "result", "hit"));
        assertEquals(22, counter("cache.tier.gets", "cache", "summarize", "tier", "memory", "result", "miss"));
        assertEquals(1.5, timeGauge("cache.tier.get.latency", TimeUnit.MILLISECONDS, "cache", "summarize", "tier",
                "redis", "quantile", "0.5"));
        assertEquals(3.1, timeGauge("cache.tier.get.latency", TimeUnit.MILLISECONDS, "cache", "summarize", "tier",
                "redis", "quantile", "0.99"));
        assertEquals(9_000, timeGauge("cache.tier.get.latency", TimeUnit.NANOSECONDS, "cache", "summarize", "tier",
                "memory", "quantile", "1.0"));
        assertEquals(1.9, timeGauge("cache.tier.put.latency", TimeUnit.MILLISECONDS, "cache", "summarize", "tier",
                "redis", "quantile", "0.95"));
        assertEquals(2, counter("cache.tier.errors", "cache", "summarize", "tier", "redis", "kind", "error"));
        assertEquals(1, counter("cache.tier.errors", "cache", "summarize", "tier", "redis", "kind", "timeout"));
        assertEquals(524_288, gauge("cache.memory.used", "cache", "summarize"));
        assertEquals("bytes", registry.get("cache.memory.used").gauge().getId().getBaseUnit());
        assertEquals(1_048_576, gauge("cache.memory.max", "cache", "summarize"));
        assertEquals(null, registry.find("cache.memory.max").tag("cache", "sentiment").gauge(), "no byte bound");
        assertEquals(1_200, gauge("cache.size", "cache", "summarize"));
        assertEquals(10_000, gauge("cache.size.max", "cache", "summarize"));
        assertEquals(30, counter("cache.saved.calls", "cache", "summarize"));
        assertEquals(7.5, timeGauge("cache.saved.time", TimeUnit.SECONDS, "cache", "summarize"), 1e-9,
                "30 hits at 250 ms");
        assertEquals(1.5, timeGauge("cache.saved.time", TimeUnit.SECONDS, "cache", "sentiment"), 1e-9);
        assertEquals(160_000, counter("cache.value.bytes", "cache", "summarize", "size", "large", "form", "raw"));
        assertEquals(40_000, counter("cache.value.bytes", "cache", "summarize", "size", "large", "form", "stored"));
        assertEquals(1, gauge("cache.breaker.state", "tier", "redis"));
        assertEquals(5, counter("cache.shared.errors", "tier", "redis", "kind", "error"));
        assertEquals(3, counter("cache.shared.errors", "tier", "redis", "kind", "skipped"));
        assertEquals(1, gauge("cache.alerts", "level", "WARNING"));
        assertEquals(0, gauge("cache.alerts", "level", "CRITICAL"));
        assertEquals(2, gauge("cache.operations"));
        assertEquals("demo", registry.get("cache.operations").gauge().getId().getTag("app"));
    }

    @Test
    void scrape_everyMeterReadsOneSnapshot_untilItIsOlderThanTheMaxAge() {
        ScriptedMonitor monitor = new ScriptedMonitor(Snapshots::sample);
        new CacheMonitorMetrics(monitor, Tags.empty(), Duration.ofSeconds(1), nanos::get).bindTo(registry);
        assertEquals(1, monitor.snapshotCount(), "bindTo reads one snapshot to register the meters");
        int meters = registry.getMeters().size();
        assertTrue(meters > 60, "meters: " + meters);

        scrapeAll();
        assertEquals(1, monitor.snapshotCount(), "a scrape within the max age reuses the snapshot");
        assertEquals(30, counter("cache.gets", "cache", "summarize", "result", "hit"));

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1000));
        scrapeAll();
        assertEquals(2, monitor.snapshotCount(), "one new snapshot for the whole scrape");
        assertEquals(40, counter("cache.gets", "cache", "summarize", "result", "hit"));
    }

    @Test
    void scrape_registersMetersOfOperationsThatAppearLater() {
        ScriptedMonitor monitor = new ScriptedMonitor(n -> n == 0 ? empty() : Snapshots.sample(n));
        new CacheMonitorMetrics(monitor, Tags.empty(), Duration.ofSeconds(1), nanos::get).bindTo(registry);
        assertEquals(0, gauge("cache.operations"));
        assertNull(registry.find("cache.gets").functionCounter());

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(2, gauge("cache.operations"), "the scrape that reads the new snapshot");
        assertEquals(10 + 30, counter("cache.gets", "cache", "summarize", "result", "hit"), "snapshot 1: 30 + 10 n");
        assertEquals(2, monitor.snapshotCount());
    }

    @Test
    void onLoad_recordsEveryLoadInTheTimer() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        CacheMonitorMetrics metrics = CacheMonitorMetrics.monitor(registry, monitor);
        monitor.fire(o -> o.onLoad("summarize", 0, 300_000_000L, null));
        monitor.fire(o -> o.onLoad("summarize", 0, 100_000_000L, null));
        monitor.fire(o -> o.onLoad("summarize", 0, 50_000_000L, new IllegalStateException("model down")));
        Timer ok = registry.get(CacheMonitorMetrics.LOAD_TIMER).tags("cache", "summarize", "result", "success")
                .timer();
        assertEquals(2, ok.count());
        assertEquals(400, ok.totalTime(TimeUnit.MILLISECONDS));
        assertEquals(300, ok.max(TimeUnit.MILLISECONDS));
        assertEquals(1, registry.get(CacheMonitorMetrics.LOAD_TIMER).tags("result", "failure").timer().count());
        metrics.close();
    }

    @Test
    void close_removesEveryMeterAndTheObserver() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        CacheMonitorMetrics metrics = CacheMonitorMetrics.monitor(registry, monitor);
        monitor.fire(o -> o.onLoad("sentiment", 0, 1_000, null));
        assertEquals(1, monitor.observers().size());
        metrics.close();
        assertEquals(List.of(), registry.getMeters());
        assertEquals(List.of(), monitor.observers());
    }

    @Test
    void meterTypes_followTheMeterKinds() {
        CacheMonitorMetrics.monitor(registry, ScriptedMonitor.of(Snapshots.sample(0)));
        for (Meter m : registry.getMeters()) {
            CacheMeter meter = java.util.Arrays.stream(CacheMeter.values())
                    .filter(c -> c.meterName().equals(m.getId().getName())).findFirst().orElseThrow();
            Class<?> expected = meter.unit() == CacheMeter.Unit.NANOSECONDS ? TimeGauge.class
                    : meter.kind() == CacheMeter.Kind.COUNTER ? FunctionCounter.class : Gauge.class;
            assertTrue(expected.isInstance(m), m.getId() + " is a " + m.getClass());
        }
    }

    @Test
    void monitorFailure_readsNaN_andNeverThrows() {
        ScriptedMonitor monitor = new ScriptedMonitor(n -> {
            if (n > 0) {
                throw new IllegalStateException("monitor broke");
            }
            return Snapshots.sample(0);
        });
        new CacheMonitorMetrics(monitor, Tags.empty(), Duration.ZERO, nanos::get).bindTo(registry);
        assertTrue(Double.isNaN(gauge("cache.operations")));
        assertTrue(Double.isNaN(counter("cache.gets", "cache", "summarize", "result", "hit")));
    }

    private void scrapeAll() {
        for (Meter m : registry.getMeters()) {
            m.measure().forEach(ms -> ms.getValue());
        }
    }

    private static io.cacheweave.runtime.stats.MonitorSnapshot empty() {
        return new io.cacheweave.runtime.stats.MonitorSnapshot(Snapshots.T0, Duration.ofHours(1), List.of(),
                List.of(), null, List.of(), 0, List.of(), List.of(), List.of(),
                io.cacheweave.runtime.stats.MonitorSnapshot.Saved.NONE,
                io.cacheweave.runtime.stats.MonitorSnapshot.MemoryFill.NONE);
    }
}
