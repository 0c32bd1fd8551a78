package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.otel.CacheMonitorTelemetry;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 001 traces each cache call ({@code cache_get} with {@code cache.key} and {@code cache.hit}, the exception of a
 * failed lookup, {@code cache_invalidate} with {@code cache.pattern}). A runtime against a real {@code redis-server}
 * reports the same through the OpenTelemetry bridge.
 */
class TracingIT {
    /** The runtimes' INFO lines and the warnings of the outage provoked. */
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    @Test
    void lookupsInvalidationsAndFailures_traced_memoryHitsOnlyWhenAskedFor() {
        try (RedisServer redis = RedisServers.local()) {
            Settings settings = Settings.builder().redis(r -> r.url(redis.url()))
                    .core(c -> c.namespace(redis.namespace()))
                    .redis(r -> r.timeout(Duration.ofMillis(200))).telemetry(t -> t.otelMemoryHitSpans(true)).build();
            try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build();
                    CacheMonitorTelemetry telemetry = CacheMonitorTelemetry.create(sdk, runtime.monitor())) {
                Cache<String, Note> cache = runtime.cache("analysis", Note.class);
                String prompt = "Please analyse this long and private prompt text. ".repeat(4);
                cache.put(prompt, new Note("n", 1));
                cache.put("k", new Note("k", 1));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (named(CacheMonitorTelemetry.GET_SPAN).isEmpty() && System.nanoTime() < deadline) {
                    cache.get("k"); // a memory hit once the invalidation bus is known healthy
                }
                SpanData memoryHit = named(CacheMonitorTelemetry.GET_SPAN).get(0);
                assertEquals("memory", attribute(memoryHit, "cache.tier"));
                assertEquals("analysis:k", attribute(memoryHit, "cache.key"));

                assertEquals(1, cache.invalidatePattern("k", "user logout"));
                SpanData invalidation = named(CacheMonitorTelemetry.INVALIDATE_SPAN).get(0);
                assertEquals("analysis:k", attribute(invalidation, "cache.pattern"));
                assertEquals("user logout", attribute(invalidation, "cache.context"));
                assertEquals(1L, invalidation.getAttributes().get(AttributeKey.longKey("cache.keys_removed")));

                spans.reset();
                redis.stop();
                assertEquals(null, cache.get(prompt + "?"));
                SpanData failed = named(CacheMonitorTelemetry.GET_SPAN).stream()
                        .filter(s -> "redis".equals(attribute(s, "cache.tier"))).findFirst().orElseThrow();
                assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
                assertEquals("exception", failed.getEvents().get(0).getName());
                String key = attribute(failed, "cache.key");
                assertTrue(key.matches("analysis:#[0-9a-f]{16}") && !key.contains("private"), key);
            }
        }
        // the stopped Redis's warnings (lost subscription, breaker) arrive on Lettuce's threads when they arrive; the
        // failed lookup's span above is what this test asserts
    }

    @Test
    void wovenMethod_memoryHitSpan_withItsLogicalKey() throws Exception {
        Settings settings = Settings.builder().telemetry(t -> t.otelMemoryHitSpans(true)).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build();
                CacheMonitorTelemetry telemetry = CacheMonitorTelemetry.create(sdk, runtime.monitor())) {
            MethodCache lookup = WovenCalls.textMethod(runtime, "lookup", 60, false);
            assertEquals("one", WovenCalls.call(lookup, "user:1", () -> "one")); // a miss: a load span
            assertEquals("one", WovenCalls.call(lookup, "user:1", () -> "two")); // a hit
            List<SpanData> hits = named(CacheMonitorTelemetry.GET_SPAN);
            assertEquals(1, hits.size(), hits.toString());
            assertEquals("memory", attribute(hits.get(0), "cache.tier"));
            assertEquals("lookup:user\\:1", attribute(hits.get(0), "cache.key"));
        }
    }

    @Test
    void memoryHitSpans_offByDefault() {
        try (CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().build()).build();
                CacheMonitorTelemetry telemetry = CacheMonitorTelemetry.create(sdk, runtime.monitor())) {
            Cache<String, Note> cache = runtime.cache("analysis", Note.class);
            cache.put("k", new Note("k", 1));
            for (int i = 0; i < 100; i++) {
                assertEquals(new Note("k", 1), cache.get("k"));
            }
            assertEquals(List.of(), named(CacheMonitorTelemetry.GET_SPAN));
        }
    }
}
