package io.cacheweave.runtime.internal;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.testing.ScriptedMonitor;
import io.cacheweave.runtime.testing.Snapshots;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridges the settings ask for, with Micrometer and the OpenTelemetry API on the class path. */
class MonitorBridgesTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final Settings NOTHING = Settings.builder()
            .telemetry(t -> t.micrometerEnabled(false).otelEnabled(false)).build();

    /**
     * Other tests of this JVM install process-wide runtimes, whose monitors bind to Micrometer's global registry (the
     * default); a runtime without bridges in their place unbinds them, so these tests see only their own meters.
     */
    @BeforeEach
    void processWideRuntimeWithoutBridges() {
        Cacheweave.install(CacheRuntime.builder().settings(NOTHING).build());
    }

    @Test
    void start_nothingAsked_neverAsksForTheMonitor() {
        AtomicInteger asked = new AtomicInteger();
        MonitorBridges bridges = MonitorBridges.start(NOTHING, () -> {
            asked.incrementAndGet();
            return ScriptedMonitor.of(Snapshots.sample(0));
        });
        assertSame(MonitorBridges.NONE, bridges);
        assertEquals(0, asked.get());
    }

    @Test
    void start_monitorNotAvailable_loggedAndNothingStarts() {
        Supplier<CacheMonitor> placeholder = () -> {
            throw new UnsupportedOperationException("PENDING: the monitor lands with branch metrics");
        };
        MonitorBridges bridges = MonitorBridges.start(Settings.builder().statsPage(p -> p.enabled(true).port(0)).build(),
                placeholder);
        assertSame(MonitorBridges.NONE, bridges);
        assertEquals(java.util.Optional.empty(), bridges.statsPage());
    }

    @Test
    void start_micrometerPresent_bindsToTheGlobalRegistry_andCloseUnbinds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
            MonitorBridges bridges = MonitorBridges.start(Settings.builder().telemetry(t -> t.otelEnabled(false)).build(),
                    () -> monitor);
            assertEquals(List.of("Micrometer"), bridges.names());
            assertEquals(0, monitor.snapshotCount(), "no snapshot while the runtime starts");
            assertEquals(1, registry.getMeters().size(), "only cache.operations until the first scrape");
            assertEquals(2, registry.get("cache.operations").gauge().value(), "the first scrape");
            assertEquals(30, registry.get("cache.gets").tags("cache", "summarize", "result", "hit").functionCounter()
                    .count());
            bridges.close();
            assertEquals(List.of(), registry.getMeters());
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void start_otelPresent_reportsThroughTheGlobal() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        GlobalOpenTelemetry.resetForTest();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
            GlobalOpenTelemetry.set(sdk);
            ScriptedMonitor monitor = ScriptedMonitor.of(Snapshots.sample(0));
            MonitorBridges bridges = MonitorBridges.start(Settings.builder()
                    .telemetry(t -> t.micrometerEnabled(false)).build(), () -> monitor);
            assertEquals(List.of("OpenTelemetry"), bridges.names());
            monitor.fire(o -> o.onLoad("summarize", 1_000, 2_000, null));
            assertEquals(1, spans.getFinishedSpanItems().size());
            bridges.close();
            assertEquals(List.of(), monitor.observers());
        } finally {
            GlobalOpenTelemetry.resetForTest();
        }
    }

    @Test
    void start_statsPage_servesUntilClosed() throws Exception {
        MonitorBridges bridges = MonitorBridges.start(NOTHING.mutate().statsPage(p -> p.enabled(true).port(0)).build(),
                () -> ScriptedMonitor.of(Snapshots.sample(0)));
        assertEquals(List.of("stats page"), bridges.names());
        URI uri = bridges.statsPage().orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/snapshot.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.body().startsWith("{\"takenAt\":\"2026-01-15T10:00:00Z\""), r.body());
        bridges.close();
        org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class,
                () -> new java.net.Socket(uri.getHost(), uri.getPort()).close(), "the page stopped listening");
    }

    @Test
    void start_portTaken_logsAndStartsTheRest() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Metrics.addRegistry(registry);
            try {
                MonitorBridges bridges = MonitorBridges.start(Settings.builder()
                        .telemetry(t -> t.otelEnabled(false)).statsPage(p -> p.enabled(true)
                        .port(taken.getLocalPort())).build(), () -> ScriptedMonitor.of(Snapshots.sample(0)));
                assertEquals(List.of("Micrometer"), bridges.names());
                assertEquals(java.util.Optional.empty(), bridges.statsPage());
                bridges.close();
            } finally {
                Metrics.removeRegistry(registry);
            }
        }
    }
}
