package io.cacheweave.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MonitorSettingsTest {
    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    private Settings load() {
        return SettingsLoader.load(env, system, null);
    }

    @Test
    void defaults_matchTheSettingNames() {
        MonitorSettings m = Settings.create().monitor();
        assertEquals(MonitorSettings.create(), m);
        assertEquals(m, load().monitor());
        assertEquals(String.valueOf(m.enabled()), SettingName.MONITOR_ENABLED.defaultValue().orElseThrow());
        assertEquals(String.valueOf(m.jmx()), SettingName.MONITOR_JMX.defaultValue().orElseThrow());
        assertEquals(m.interval(), Durations.parse(SettingName.MONITOR_INTERVAL.defaultValue().orElseThrow()));
        assertEquals(m.retention(), Durations.parse(SettingName.MONITOR_RETENTION.defaultValue().orElseThrow()));
        assertEquals(m.latencyWindow(),
                Durations.parse(SettingName.MONITOR_LATENCY_WINDOW.defaultValue().orElseThrow()));
        assertEquals(m.slowLoad(), Durations.parse(SettingName.MONITOR_SLOW_LOAD.defaultValue().orElseThrow()));
        assertEquals(String.valueOf(m.topKeys()), SettingName.MONITOR_TOP_KEYS.defaultValue().orElseThrow());
        assertEquals(String.valueOf(m.mediumBytes()), SettingName.SIZE_TIER_MEDIUM.defaultValue().orElseThrow());
        assertEquals(String.valueOf(m.largeBytes()), SettingName.SIZE_TIER_LARGE.defaultValue().orElseThrow());
        assertEquals(50L * 1024 * 1024, m.memoryWarningBytes());
        assertEquals(String.valueOf(m.memoryWarningBytes()),
                SettingName.MONITOR_MEMORY_WARNING.defaultValue().orElseThrow());
        assertEquals(100L * 1024 * 1024, m.memoryCriticalBytes());
        assertEquals(String.valueOf(m.memoryCriticalBytes()),
                SettingName.MONITOR_MEMORY_CRITICAL.defaultValue().orElseThrow());
        assertEquals(String.valueOf(m.invalidationsPerMinute()),
                SettingName.MONITOR_INVALIDATIONS_PER_MINUTE.defaultValue().orElseThrow());
        assertEquals(String.valueOf(m.xlargeBytes()), SettingName.SIZE_TIER_XLARGE.defaultValue().orElseThrow());
        assertEquals(6, m.latencySlots(), "one minute of ten-second slots");
    }

    @Test
    void load_everyMonitorSetting() {
        system.setProperty("cacheweave.monitor.enabled", "false");
        system.setProperty("cacheweave.monitor.jmx", "FALSE");
        system.setProperty("cacheweave.monitor.interval", "5s");
        system.setProperty("cacheweave.monitor.retention", "2h");
        system.setProperty("cacheweave.monitor.latency-window", "30s");
        system.setProperty("cacheweave.monitor.top-keys", "25");
        system.setProperty("cacheweave.size-tier.medium", "1000");
        env.put("CACHEWEAVE_SIZE_TIER_LARGE", "20000");
        system.setProperty("cacheweave.size-tier.xlarge", "60000");
        env.put("CACHEWEAVE_MONITOR_ALERT_MEMORY_WARNING", "1000000");
        system.setProperty("cacheweave.monitor.alert.memory-critical", "2000000");
        system.setProperty("cacheweave.monitor.alert.slow-load", "750ms");
        system.setProperty("cacheweave.monitor.alert.invalidations-per-minute", "7");
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertEquals(MonitorSettings.builder().enabled(false).jmx(false).interval(Duration.ofSeconds(5))
                .retention(Duration.ofHours(2)).latencyWindow(Duration.ofSeconds(30)).topKeys(25).mediumBytes(1000)
                .largeBytes(20000).xlargeBytes(60000).memoryWarningBytes(1_000_000).memoryCriticalBytes(2_000_000)
                .slowLoad(Duration.ofMillis(750)).invalidationsPerMinute(7).build(), s.monitor());
        assertEquals(6, s.monitor().latencySlots());
    }

    @Test
    void load_malformedMonitorValueKeepsTheDefault() {
        system.setProperty("cacheweave.monitor.retention", "0s");
        system.setProperty("cacheweave.monitor.top-keys", "-3");
        Settings s = load();
        assertEquals(2, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).contains("cacheweave.monitor."), s.problems().toString());
        assertEquals(MonitorSettings.create(), s.monitor());
    }

    @Test
    void builder_rejectsNonPositiveValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorSettings.builder().topKeys(0));
        assertEquals("monitor.top-keys must be positive: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MonitorSettings.builder().interval(Duration.ofSeconds(-1)));
        assertEquals("monitor.interval must be positive: PT-1S", e.getMessage());
    }

    private static MonitorSettings window(Duration latencyWindow) {
        return MonitorSettings.create().mutate().latencyWindow(latencyWindow).build();
    }

    @Test
    void latencySlots_roundedUpAndCapped() {
        assertEquals(2, window(Duration.ofSeconds(11)).latencySlots());
        assertEquals(60, window(Duration.ofHours(1)).latencySlots());
        assertEquals(1, window(Duration.ofSeconds(1)).latencySlots());
    }
}
