package io.cacheweave.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings of the monitor's bridges: Micrometer, OpenTelemetry and the HTTP stats page. */
class MonitorBridgesSettingsTest {
    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    private Settings load() {
        return SettingsLoader.load(env, system, null);
    }

    @Test
    void load_defaults() {
        Settings s = load();
        assertTrue(s.telemetry().micrometerEnabled());
        assertTrue(s.telemetry().otelEnabled());
        assertFalse(s.statsPage().enabled());
        assertEquals("127.0.0.1", s.statsPage().bind());
        assertEquals(7979, s.statsPage().port());
        assertEquals(Duration.ofSeconds(2), s.statsPage().refresh());
        // The documented defaults are the ones the builder uses.
        assertEquals("true", SettingName.MICROMETER_ENABLED.defaultValue().orElseThrow());
        assertEquals("true", SettingName.OTEL_ENABLED.defaultValue().orElseThrow());
        assertEquals("false", SettingName.OTEL_MEMORY_HIT_SPANS.defaultValue().orElseThrow());
        assertEquals(false, s.telemetry().otelMemoryHitSpans());
        assertEquals("false", SettingName.STATS_HTTP_ENABLED.defaultValue().orElseThrow());
        assertEquals(StatsPageSettings.create().bind(), SettingName.STATS_HTTP_BIND.defaultValue().orElseThrow());
        assertEquals(StatsPageSettings.create().port(),
                Integer.parseInt(SettingName.STATS_HTTP_PORT.defaultValue().orElseThrow()));
        assertEquals(StatsPageSettings.create().refresh(),
                Durations.parse(SettingName.STATS_HTTP_REFRESH.defaultValue().orElseThrow()));
        assertTrue(s.toString().contains(", micrometer.enabled=true, otel.enabled=true, otel.memory-hit-spans=false, "
                + "stats.http=off"),
                s.toString());
    }

    @Test
    void load_fromEverySource() {
        env.put("CACHEWEAVE_MICROMETER_ENABLED", "false");
        env.put("CACHEWEAVE_STATS_HTTP_PORT", "0");
        system.setProperty("cacheweave.otel.enabled", "FALSE");
        system.setProperty("cacheweave.stats.http.enabled", "true");
        system.setProperty("cacheweave.stats.http.bind", " 0.0.0.0 ");
        system.setProperty(Settings.AGENT_ARGUMENTS_PROPERTY, "cacheweave.stats.http.refresh=500ms");
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertFalse(s.telemetry().micrometerEnabled());
        assertFalse(s.telemetry().otelEnabled());
        assertTrue(s.statsPage().enabled());
        assertEquals("0.0.0.0", s.statsPage().bind());
        assertEquals(0, s.statsPage().port());
        assertEquals(Duration.ofMillis(500), s.statsPage().refresh());
        assertTrue(s.toString().contains("stats.http=0.0.0.0:0 every PT0.5S,"), s.toString());
    }

    @Test
    void problem_malformedValuesKeepDefaults() {
        system.setProperty("cacheweave.stats.http.port", "65536");
        system.setProperty("cacheweave.stats.http.enabled", "yes");
        system.setProperty("cacheweave.stats.http.refresh", "0s");
        system.setProperty("cacheweave.stats.http.bind", "local host");
        Settings s = load();
        assertEquals(List.of(
                "cacheweave.stats.http.bind=\"local host\" (system property) is not a host name or address; use a "
                        + "host name or IP address, such as 127.0.0.1 or 0.0.0.0",
                "cacheweave.stats.http.enabled=\"yes\" (system property) is not a boolean; use true or false",
                "cacheweave.stats.http.port=\"65536\" (system property) is not a port; use a number from 0 (any free "
                        + "port) to 65535, such as 7979",
                "cacheweave.stats.http.refresh=\"0s\" (system property) is not a positive duration; use a positive "
                        + "number of seconds (7200) or a number with a unit: 500ms, 30s, 30m, 2h, 1d, or ISO-8601 "
                        + "(PT2H)"), s.problems());
        assertEquals(7979, s.statsPage().port());
        assertFalse(s.statsPage().enabled());
        assertEquals("127.0.0.1", s.statsPage().bind());
    }

    @Test
    void problem_misspelledNameSuggestsTheSetting() {
        system.setProperty("cacheweave.stats.http.enable", "true");
        assertEquals(List.of("unknown setting cacheweave.stats.http.enable (system property); did you mean "
                + "cacheweave.stats.http.enabled?"), load().problems());
    }

    @Test
    void mavenPluginProperties_areNotSettings() {
        // -D on a Maven command line reaches the tests' JVMs as system properties too
        system.setProperty("cacheweave.weave.skip", "true");
        system.setProperty("cacheweave.weave-tests.skip", "true");
        system.setProperty("cacheweave.weave.outputDirectory", "target/woven");
        assertEquals(List.of(), load().problems());
    }

    @Test
    void builder_rejectsOutOfRange() {
        Settings.Builder b = Settings.builder();
        assertEquals("stats.http.port must be from 0 to 65535: -1",
                assertThrows(IllegalArgumentException.class, () -> b.statsPage(p -> p.port(-1))).getMessage());
        assertEquals("stats.http.bind must be a host name or address:  ",
                assertThrows(IllegalArgumentException.class, () -> b.statsPage(p -> p.bind(" "))).getMessage());
        assertEquals("stats.http.refresh must be positive: PT-1S",
                assertThrows(IllegalArgumentException.class, () -> b.statsPage(p -> p.refresh(Duration.ofSeconds(-1))))
                        .getMessage());
    }
}
