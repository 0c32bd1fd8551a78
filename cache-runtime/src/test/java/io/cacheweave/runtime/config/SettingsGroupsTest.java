package io.cacheweave.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.faces.FaceSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The one idiom of every settings group: {@code builder()...build()}, {@code create()}, {@code mutate()}. */
class SettingsGroupsTest {

    @Test
    void core_createHoldsTheReadmeDefaults() {
        CoreSettings c = CoreSettings.create();
        assertTrue(c.enabled());
        assertEquals(Duration.ofHours(1), c.defaultTtl());
        assertEquals(Map.of(), c.operationTtls());
        assertEquals("cacheweave", c.namespace());
        assertEquals(1, c.schemaVersion());
        assertEquals(1000, c.keyHashThreshold());
        assertEquals(Duration.ofSeconds(60), c.singleFlightMaxWait());
        assertEquals(4, c.asyncThreads());
        assertEquals(10_000, c.keysLimit());
        assertEquals(10_000, c.fluxMaxElements());
        assertEquals(Duration.ofSeconds(30), c.leaseTimeout());
        assertEquals(Duration.ofMillis(200), c.invalidationMaxStaleness());
        assertEquals(CoreSettings.builder().build(), c);
    }

    @Test
    void memory_createHoldsTheReadmeDefaults() {
        MemorySettings m = MemorySettings.create();
        assertEquals(10_000, m.maxEntries());
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(heap == Long.MAX_VALUE ? 256L << 20 : Math.max(1L << 20, heap / 16), m.maxBytes(),
                "a sixteenth of the maximum heap, at least 1 MiB");
        assertEquals(Optional.empty(), m.ttl());
        assertEquals(Optional.empty(), m.cleanupInterval());
    }

    @Test
    void redis_createHoldsTheReadmeDefaults() {
        RedisSettings r = RedisSettings.create();
        assertEquals(Optional.empty(), r.url());
        assertFalse(r.cluster());
        assertEquals(Duration.ofMillis(250), r.timeout());
        assertEquals(Optional.empty(), r.tlsCaCertFile());
        assertEquals(1, r.connections());
        assertEquals(Duration.ofSeconds(1), r.connectTimeout());
        assertFalse(r.retryOnTimeout());
        assertEquals(Duration.ofSeconds(30), r.healthCheckInterval());
    }

    @Test
    void otherGroups_createHoldTheReadmeDefaults() {
        assertEquals(5, BreakerSettings.create().failureThreshold());
        assertEquals(Duration.ofSeconds(5), BreakerSettings.create().openDuration());
        assertEquals(Optional.empty(), FileSettings.create().directory());
        assertEquals(1L << 30, FileSettings.create().maxBytes());
        assertEquals("zstd", CodecSettings.create().compression());
        assertEquals(OptionalInt.empty(), CodecSettings.create().compressionLevel());
        assertEquals(1024, CodecSettings.create().compressionThreshold());
        assertEquals(16 << 20, CodecSettings.create().maxDecodedBytes());
        assertTrue(TelemetrySettings.create().micrometerEnabled());
        assertTrue(TelemetrySettings.create().otelEnabled());
        assertFalse(TelemetrySettings.create().otelMemoryHitSpans());
        assertFalse(StatsPageSettings.create().enabled());
        assertEquals("127.0.0.1", StatsPageSettings.create().bind());
        assertEquals(7979, StatsPageSettings.create().port());
        assertEquals(Duration.ofSeconds(2), StatsPageSettings.create().refresh());
        MonitorSettings m = MonitorSettings.create();
        assertEquals(Duration.ofSeconds(10), m.interval());
        assertEquals(Duration.ofHours(1), m.retention());
        assertEquals(500, m.mediumBytes());
        assertEquals(5000, m.largeBytes());
        assertEquals(50_000, m.xlargeBytes());
        FaceSettings f = FaceSettings.create();
        assertEquals(Map.of("rate-limit", Duration.ofMinutes(1), "system-config", Duration.ofMinutes(5),
                "prompt-analysis", Duration.ofHours(1), "ml-predictions", Duration.ofHours(2),
                "user-preferences", Duration.ofHours(24)), f.dataTypeTtls());
        assertEquals(Map.of("summarize", Duration.ofHours(2), "sentiment", Duration.ofHours(24),
                "key_points", Duration.ofHours(2), "questions", Duration.ofHours(1), "qa", Duration.ofMinutes(30)),
                f.aiOperationTtls());
        assertEquals(4, f.warmupParallelism());
    }

    @Test
    void settings_createIsEveryGroupsCreate() {
        Settings s = Settings.create();
        assertSame(CoreSettings.create(), s.core());
        assertSame(MemorySettings.create(), s.memory());
        assertSame(RedisSettings.create(), s.redis());
        assertSame(BreakerSettings.create(), s.breaker());
        assertSame(FileSettings.create(), s.file());
        assertSame(CodecSettings.create(), s.codec());
        assertSame(MonitorSettings.create(), s.monitor());
        assertSame(StatsPageSettings.create(), s.statsPage());
        assertSame(TelemetrySettings.create(), s.telemetry());
        assertSame(FaceSettings.create(), s.faces());
        assertEquals(Settings.builder().build(), s);
    }

    @Test
    void mutate_changesOneValueAndKeepsTheOthers() {
        RedisSettings r = RedisSettings.builder().url("redis://h:6379").cluster(true).timeout(Duration.ofMillis(80))
                .connections(3).retryOnTimeout(true).build();
        RedisSettings changed = r.mutate().timeout(Duration.ofSeconds(1)).build();
        assertEquals(Duration.ofSeconds(1), changed.timeout());
        assertEquals(Duration.ofMillis(80), r.timeout(), "the original is not changed");
        assertEquals(r, changed.mutate().timeout(Duration.ofMillis(80)).build());
        assertEquals(r, r.mutate().build());
        assertEquals(r.hashCode(), r.mutate().build().hashCode());

        CoreSettings core = CoreSettings.builder().operationTtl("a", Duration.ofMinutes(2)).namespace("n").build();
        CoreSettings more = core.mutate().operationTtl("b", Duration.ofMinutes(3)).build();
        assertEquals(Map.of("a", Duration.ofMinutes(2), "b", Duration.ofMinutes(3)), more.operationTtls());
        assertEquals("n", more.namespace());
        assertEquals(Map.of("a", Duration.ofMinutes(2)), core.operationTtls(), "the original is not changed");

        FaceSettings faces = FaceSettings.create().mutate().dataTypeTtl("RATE_LIMIT", Duration.ofSeconds(30)).build();
        assertEquals(Optional.of(Duration.ofSeconds(30)), faces.dataTypeTtl("rate-limit"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), faces.dataTypeTtl("system-config"), "built-ins kept");
        assertEquals(Optional.of(Duration.ofMinutes(1)), FaceSettings.create().dataTypeTtl("rate-limit"));
    }

    @Test
    void settingsBuilder_changesAGroupThroughItsBuilderOrWhole() {
        Settings s = Settings.builder()
                .core(c -> c.defaultTtl(Duration.ofMinutes(30)))
                .redis(r -> r.url("redis://h:6379"))
                .redis(r -> r.timeout(Duration.ofMillis(100)))
                .file(FileSettings.builder().directory("/tmp/x").build())
                .build();
        assertEquals(Duration.ofMinutes(30), s.core().defaultTtl());
        assertEquals(Optional.of("redis://h:6379"), s.redis().url(), "a second redis(...) keeps the first's values");
        assertEquals(Duration.ofMillis(100), s.redis().timeout());
        assertEquals(Optional.of("/tmp/x"), s.file().directory());
        assertSame(MemorySettings.create(), s.memory(), "untouched groups keep their defaults");

        Settings t = s.mutate().memory(m -> m.maxEntries(5)).problem("p").notice("n").build();
        assertEquals(5, t.memory().maxEntries());
        assertSame(s.redis(), t.redis());
        assertSame(s.core(), t.core());
        assertNotEquals(s, t);
        assertEquals(s, t.mutate().memory(MemorySettings.create()).build(), "equality is of the values only");
        Settings u = t.mutate().build();
        assertEquals(java.util.List.of("p"), u.problems(), "mutate keeps the problems");
        assertEquals(java.util.List.of("n"), u.notices(), "and the notices");
    }

    @Test
    void builders_nameTheSettingTheyRefuse() {
        assertEquals("redis.timeout must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.builder().timeout(Duration.ZERO)).getMessage());
        assertEquals("redis.connections must be from 1 to 16: 17", assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.builder().connections(17)).getMessage());
        assertEquals("l1.max-entries must be positive: 0", assertThrows(IllegalArgumentException.class,
                () -> MemorySettings.builder().maxEntries(0)).getMessage());
        assertEquals("file.directory must not be blank", assertThrows(IllegalArgumentException.class,
                () -> FileSettings.builder().directory(" ")).getMessage());
        assertEquals("compression must be zstd, deflate, lz4 or none: brotli", assertThrows(
                IllegalArgumentException.class, () -> CodecSettings.builder().compression("brotli")).getMessage());
        assertEquals("breaker.failure-threshold must be positive: -1", assertThrows(IllegalArgumentException.class,
                () -> BreakerSettings.builder().failureThreshold(-1)).getMessage());
        assertEquals("stats.http.port must be from 0 to 65535: 70000", assertThrows(IllegalArgumentException.class,
                () -> StatsPageSettings.builder().port(70000)).getMessage());
        assertEquals("ai.ttl.qa must be positive: PT-1S", assertThrows(IllegalArgumentException.class,
                () -> FaceSettings.builder().aiOperationTtl("qa", Duration.ofSeconds(-1))).getMessage());
        Settings.Builder b = Settings.builder();
        assertThrows(IllegalArgumentException.class, () -> b.redis(r -> r.url("redis://h").timeout(Duration.ZERO)));
        assertEquals(RedisSettings.create(), b.build().redis(), "a refused change leaves the group as it was");
    }
}
