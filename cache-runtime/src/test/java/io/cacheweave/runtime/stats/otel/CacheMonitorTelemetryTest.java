package io.cacheweave.runtime.stats.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.ScriptedMonitor;
import io.cacheweave.runtime.testing.Snapshots;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheMonitorTelemetryTest {
    private static final long START = 1_768_471_200_000_000_000L; // 2026-01-15T10:00:00Z in epoch nanoseconds

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build()).build();

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    @Test
    void onLoad_oneSpanWithTheEventsTimesAndAttributes() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        CacheMonitorTelemetry telemetry = CacheMonitorTelemetry.create(sdk, monitor);
        monitor.fire(o -> o.onLoad("summarize", START, 300_000_000L, null));
        monitor.fire(o -> o.onLoad("summarize", START + 1_000, 5_000, new IllegalStateException("model down")));

        List<SpanData> done = spans.getFinishedSpanItems();
        assertEquals(2, done.size());
        SpanData ok = done.get(0);
        assertEquals(CacheMonitorTelemetry.LOAD_SPAN, ok.getName());
        assertEquals(SpanKind.INTERNAL, ok.getKind());
        assertEquals(START, ok.getStartEpochNanos());
        assertEquals(START + 300_000_000L, ok.getEndEpochNanos());
        assertEquals(Attributes.of(CacheMonitorTelemetry.OPERATION, "summarize").asMap(), ok.getAttributes().asMap());
        assertEquals(StatusCode.UNSET, ok.getStatus().getStatusCode());

        SpanData failed = done.get(1);
        assertEquals(START + 6_000, failed.getEndEpochNanos());
        assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
        assertEquals("java.lang.IllegalStateException: model down", failed.getStatus().getDescription());
        assertEquals("exception", failed.getEvents().get(0).getName());
        assertEquals("model down", failed.getEvents().get(0).getAttributes()
                .get(AttributeKey.stringKey("exception.message")));
        telemetry.close();
    }

    @Test
    void onSharedGet_spanPerLookup_hitAndTierAttributes() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        CacheMonitorTelemetry.create(sdk, monitor);
        monitor.fire(o -> o.onSharedGet("summarize", "redis", true, START, 1_500_000));
        monitor.fire(o -> o.onSharedGet("sentiment", "file", false, START + 10, 40_000));

        List<SpanData> done = spans.getFinishedSpanItems();
        assertEquals(2, done.size());
        assertEquals(CacheMonitorTelemetry.GET_SPAN, done.get(0).getName());
        assertEquals(SpanKind.CLIENT, done.get(0).getKind());
        assertEquals(START + 1_500_000, done.get(0).getEndEpochNanos());
        assertEquals(Attributes.builder().put(CacheMonitorTelemetry.OPERATION, "summarize")
                .put(CacheMonitorTelemetry.TIER, "redis").put(CacheMonitorTelemetry.HIT, true).build().asMap(),
                done.get(0).getAttributes().asMap());
        assertEquals(SpanKind.INTERNAL, done.get(1).getKind());
        assertEquals(false, done.get(1).getAttributes().get(CacheMonitorTelemetry.HIT));
        assertEquals("file", done.get(1).getAttributes().get(CacheMonitorTelemetry.TIER));
    }

    /** Seed 001's spans: {@code cache.key} on lookups, the exception of a failed one, a span per invalidation. */
    @Test
    void onSharedGet_withKeyAndFailure_keyShownOrHashed_exceptionRecorded() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        CacheMonitorTelemetry.create(sdk, monitor);
        String prompt = "summarize:" + "Please summarize this confidential memo. ".repeat(5);
        monitor.fire(o -> o.onSharedGet("summarize", "redis", "summarize:short", true, START, 10, null));
        monitor.fire(o -> o.onSharedGet("summarize", "redis", prompt, false, START, 10,
                new io.cacheweave.runtime.tier.TierTimeoutException("redis GET did not answer in time", null)));
        monitor.fire(o -> o.onInvalidation("summarize", "summarize:*", "model updated", 3));
        monitor.fire(o -> o.onInvalidation("", prompt, "", 0));

        List<SpanData> done = spans.getFinishedSpanItems();
        assertEquals(4, done.size());
        assertEquals("summarize:short", done.get(0).getAttributes().get(CacheMonitorTelemetry.KEY));
        String hashed = done.get(1).getAttributes().get(CacheMonitorTelemetry.KEY);
        assertTrue(hashed.matches("summarize:#[0-9a-f]{16}"), hashed);
        assertEquals(CacheMonitorTelemetry.keyAttribute(prompt), hashed, "the same key, the same attribute");
        assertEquals(StatusCode.ERROR, done.get(1).getStatus().getStatusCode());
        assertEquals("redis GET did not answer in time", done.get(1).getEvents().get(0).getAttributes()
                .get(AttributeKey.stringKey("exception.message")));

        SpanData invalidation = done.get(2);
        assertEquals(CacheMonitorTelemetry.INVALIDATE_SPAN, invalidation.getName());
        assertEquals(Attributes.builder().put(CacheMonitorTelemetry.OPERATION, "summarize")
                .put(CacheMonitorTelemetry.PATTERN, "summarize:*").put(CacheMonitorTelemetry.CONTEXT, "model updated")
                .put(CacheMonitorTelemetry.KEYS_REMOVED, 3L).build().asMap(), invalidation.getAttributes().asMap());
        assertEquals(hashed, done.get(3).getAttributes().get(CacheMonitorTelemetry.PATTERN));
        assertNull(done.get(3).getAttributes().get(CacheMonitorTelemetry.OPERATION));
    }

    @Test
    void onMemoryHit_spanWithTheMemoryTier() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        CacheMonitorTelemetry.create(sdk, monitor);
        monitor.fire(o -> o.onMemoryHit("users", "users:user\\:1"));
        SpanData hit = spans.getFinishedSpanItems().get(0);
        assertEquals(Attributes.builder().put(CacheMonitorTelemetry.OPERATION, "users")
                .put(CacheMonitorTelemetry.TIER, "memory").put(CacheMonitorTelemetry.HIT, true)
                .put(CacheMonitorTelemetry.KEY, "users:user\\:1").build().asMap(), hit.getAttributes().asMap());
    }

    @Test
    void collect_instrumentsReadTheSnapshot() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        CacheMonitorTelemetry.create(sdk, monitor);
        Collection<MetricData> all = metrics.collectAllMetrics();
        assertEquals(1, monitor.snapshotCount(), "one snapshot for every instrument");

        assertEquals(30, longPoint(all, "cache.gets", "cache.operation", "summarize", "cache.result", "hit"));
        assertEquals(Attributes.builder().put("cache.operation", "summarize").put("cache.result", "hit")
                .put("cache.internal", "false").build(), point(all, "cache.gets", "cache.operation", "summarize",
                "cache.result", "hit").getAttributes(), "exactly these: the application's own operation");
        assertEquals(15, longPoint(all, "cache.gets", "cache.operation", "sentiment", "cache.result", "miss"));
        assertEquals(1, longPoint(all, "cache.load", "cache.operation", "summarize", "cache.result", "failure"));
        assertEquals(12, longPoint(all, "cache.tier.gets", "cache.operation", "summarize", "cache.tier", "redis",
                "cache.result", "hit"));
        assertEquals(40_000, longPoint(all, "cache.value.bytes", "cache.operation", "summarize", "cache.size",
                "large", "cache.form", "stored"));
        assertEquals(524_288, longPoint(all, "cache.memory.used", "cache.operation", "summarize"));
        assertEquals(30, longPoint(all, "cache.saved.calls", "cache.operation", "summarize"));
        assertEquals(7.5, doublePoint(all, "cache.saved.time", "cache.operation", "summarize"), 1e-9);
        assertEquals(1_200, longPoint(all, "cache.size", "cache.operation", "summarize"));
        assertEquals(1_048_576, longPoint(all, "cache.memory.max", "cache.operation", "summarize"));
        assertEquals(1, longPoint(all, "cache.breaker.state", "cache.tier", "redis"));
        assertEquals(2, longPoint(all, "cache.operations"));
        assertEquals(3.0, doublePoint(all, "cache.load.duration", "cache.operation", "summarize"));
        assertEquals(0.0031, doublePoint(all, "cache.tier.get.latency", "cache.operation", "summarize",
                "cache.tier", "redis", "cache.quantile", "0.99"), 1e-12);
        MetricData latency = metric(all, "cache.tier.get.latency");
        assertEquals("s", latency.getUnit());
        assertEquals("By", metric(all, "cache.memory.used").getUnit());
        assertEquals("io.cacheweave", latency.getInstrumentationScopeInfo().getName());
        assertTrue(metric(all, "cache.gets").getLongSumData().isMonotonic());
    }

    @Test
    void close_stopsSpansAndInstruments() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        CacheMonitorTelemetry.create(sdk, monitor, Duration.ZERO).close();
        assertEquals(List.of(), monitor.observers());
        assertEquals(List.of(), List.copyOf(metrics.collectAllMetrics()));
        assertEquals(0, monitor.snapshotCount());
    }

    @Test
    void bindGlobal_waitsUntilTheGlobalIsSet_thenReportsTheEventThatFoundIt() {
        ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
        boolean[] set = {false};
        GlobalBinding binding = new GlobalBinding(monitor, () -> set[0], () -> sdk);
        monitor.fire(o -> o.onLoad("summarize", START, 10, null));
        assertNull(binding.telemetry());
        assertEquals(List.of(), spans.getFinishedSpanItems());

        set[0] = true;
        monitor.fire(o -> o.onLoad("summarize", START, 20, null));
        monitor.fire(o -> o.onLoad("summarize", START, 30, null));
        assertEquals(List.of(START + 20, START + 30),
                spans.getFinishedSpanItems().stream().map(SpanData::getEndEpochNanos).toList());
        assertEquals(1, monitor.observers().size(), "the binding handed over to the telemetry's observer");
        binding.close();
        assertEquals(List.of(), monitor.observers());
    }

    @Test
    void bindGlobal_realGlobal_boundAtOnceWhenSet() throws Exception {
        io.opentelemetry.api.GlobalOpenTelemetry.resetForTest();
        io.opentelemetry.api.GlobalOpenTelemetry.set(sdk);
        try {
            ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
            try (AutoCloseable binding = CacheMonitorTelemetry.bindGlobal(monitor)) {
                monitor.fire(o -> o.onLoad("qa", START, 1, null));
                assertEquals("qa", spans.getFinishedSpanItems().get(0).getAttributes()
                        .get(CacheMonitorTelemetry.OPERATION));
            }
        } finally {
            io.opentelemetry.api.GlobalOpenTelemetry.resetForTest();
        }
    }

    @Test
    void collect_supportingCache_carriesCacheInternalTrue() {
        CacheMonitorTelemetry.create(sdk, ScriptedMonitor.of(Snapshots.withSupporting(0)));
        Collection<MetricData> all = metrics.collectAllMetrics();
        assertEquals(40, longPoint(all, "cache.gets", "cache.operation", "summarize-manifest", "cache.result", "miss",
                "cache.internal", "true"));
        assertEquals(30, longPoint(all, "cache.gets", "cache.operation", "summarize", "cache.result", "hit",
                "cache.internal", "false"));
    }

    private static MetricData metric(Collection<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private static PointData point(Collection<MetricData> all, String name, String... attributes) {
        MetricData m = metric(all, name);
        io.opentelemetry.api.common.AttributesBuilder b = Attributes.builder();
        for (int i = 0; i < attributes.length; i += 2) {
            b.put(attributes[i], attributes[i + 1]);
        }
        Attributes wanted = b.build();
        // the attributes named; an operation's points also carry cache.internal (checked on its own)
        return m.getData().getPoints().stream().filter(p -> wanted.asMap().entrySet().stream()
                .allMatch(e -> e.getValue().equals(p.getAttributes().asMap().get(e.getKey())))).findFirst()
                .orElseThrow(() -> new AssertionError("no point " + wanted + " in " + m));
    }

    private static long longPoint(Collection<MetricData> all, String name, String... attributes) {
        return ((io.opentelemetry.sdk.metrics.data.LongPointData) point(all, name, attributes)).getValue();
    }

    private static double doublePoint(Collection<MetricData> all, String name, String... attributes) {
        return ((io.opentelemetry.sdk.metrics.data.DoublePointData) point(all, name, attributes)).getValue();
    }
}
