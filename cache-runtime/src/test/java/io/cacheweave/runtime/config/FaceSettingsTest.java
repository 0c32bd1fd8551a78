package io.cacheweave.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.faces.FaceSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings of the faces: data-type TTLs, AI operation TTLs, text-size tiers, warm-up parallelism. */
class FaceSettingsTest {

    private static final String DURATION_HINT = "use a positive number of seconds (7200) or a number with a unit: "
            + "500ms, 30s, 30m, 2h, 1d, or ISO-8601 (PT2H)";

    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    private Settings load() {
        return SettingsLoader.load(env, system, null);
    }

    @Test
    void defaults_fromTheSeeds() {
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertEquals(Optional.of(Duration.ofMinutes(5)), s.faces().dataTypeTtl("system-config"));
        assertEquals(Optional.of(Duration.ofHours(24)), s.faces().dataTypeTtl("user-preferences"));
        assertEquals(Optional.empty(), s.faces().dataTypeTtl("sessions"));
        assertEquals(Optional.of(Duration.ofHours(2)), s.faces().aiOperationTtl("summarize"));
        assertEquals(Optional.of(Duration.ofMinutes(30)), s.faces().aiOperationTtl("qa"));
        assertEquals(Optional.empty(), s.faces().aiOperationTtl("translate"));
        assertEquals(500, s.monitor().mediumBytes());
        assertEquals(5000, s.monitor().largeBytes());
        assertEquals(4, s.faces().warmupParallelism());
    }

    @Test
    void load_systemPropertiesAndAgentArguments() {
        system.setProperty("cacheweave.ttl.type.system-config", "10m");
        system.setProperty("cacheweave.ttl.type.Sessions", "20m");
        system.setProperty("cacheweave.ai.ttl.summarize", "3h");
        system.setProperty("cacheweave.size-tier.medium", "100");
        system.setProperty(Settings.AGENT_ARGUMENTS_PROPERTY,
                "cacheweave.ai.ttl.translate=15m,cacheweave.warmup.parallelism=8,cacheweave.size-tier.large=70000");
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertEquals(Optional.of(Duration.ofMinutes(10)), s.faces().dataTypeTtl("system-config"));
        assertEquals(Optional.of(Duration.ofMinutes(20)), s.faces().dataTypeTtl("sessions"));
        assertEquals(Optional.of(Duration.ofHours(3)), s.faces().aiOperationTtl("summarize"));
        assertEquals(Optional.of(Duration.ofMinutes(15)), s.faces().aiOperationTtl("translate"));
        assertEquals(100, s.monitor().mediumBytes());
        assertEquals(70000, s.monitor().largeBytes());
        assertEquals(8, s.faces().warmupParallelism());
        // Not taken for the TTL of an operation called "type.system-config".
        assertEquals(Optional.empty(), s.core().operationTtl("type.system-config"));
    }

    @Test
    void load_environmentVariables() {
        env.put("CACHEWEAVE_TTL_TYPE_USER_PREFERENCES", "12h");
        env.put("CACHEWEAVE_AI_TTL_KEY_POINTS", "5m");
        env.put("CACHEWEAVE_SIZE_TIER_LARGE", "6000");
        env.put("CACHEWEAVE_WARMUP_PARALLELISM", "2");
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertEquals(Optional.of(Duration.ofHours(12)), s.faces().dataTypeTtl("user-preferences"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), s.faces().aiOperationTtl("key_points"));
        assertEquals(6000, s.monitor().largeBytes());
        assertEquals(2, s.faces().warmupParallelism());
        assertEquals(Optional.empty(), s.core().operationTtl("type_user_preferences"));
    }

    @Test
    void load_malformedValues_reportedAndDefaultsKept() {
        system.setProperty("cacheweave.ttl.type.system-config", "soon");
        system.setProperty("cacheweave.ai.ttl.qa", "-5m");
        system.setProperty("cacheweave.warmup.parallelism", "0");
        Settings s = load();
        assertEquals(List.of(
                "cacheweave.ai.ttl.qa=\"-5m\" (system property) is not a duration; " + DURATION_HINT,
                "cacheweave.ttl.type.system-config=\"soon\" (system property) is not a duration; " + DURATION_HINT,
                "cacheweave.warmup.parallelism=\"0\" (system property) is not a positive whole number; use a number "
                        + "from 1 to 2147483647, such as 1000"), s.problems());
        assertEquals(Optional.of(Duration.ofMinutes(5)), s.faces().dataTypeTtl("system-config"));
        assertEquals(Optional.of(Duration.ofMinutes(30)), s.faces().aiOperationTtl("qa"));
        assertEquals(4, s.faces().warmupParallelism());
    }

    @Test
    void load_misspelledFaceSetting_suggestsTheName() {
        system.setProperty("cacheweave.warmup.paralelism", "3");
        assertEquals(List.of("unknown setting cacheweave.warmup.paralelism (system property); did you mean "
                + "cacheweave.warmup.parallelism?"), load().problems());
    }

    @Test
    void builder_badValues_rejectedNamingThem() {
        assertEquals("warmup.parallelism must be positive: -1", assertThrows(IllegalArgumentException.class,
                () -> Settings.builder().faces(f -> f.warmupParallelism(-1))).getMessage());
        assertEquals("ttl.type.system-config must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> Settings.builder().faces(f -> f.dataTypeTtl("SYSTEM_CONFIG", Duration.ZERO))).getMessage());
    }

    @Test
    void settingName_familiesAndDocumentedDefaults() {
        assertTrue(SettingName.TTL_DATA_TYPE.family());
        assertTrue(SettingName.AI_TTL_OPERATION.family());
        assertEquals(Optional.empty(), SettingName.ofProperty("cacheweave.ttl.type.<data-type>"));
        assertEquals(Optional.of(SettingName.WARMUP_PARALLELISM),
                SettingName.ofEnvironmentVariable("CACHEWEAVE_WARMUP_PARALLELISM"));
        assertEquals(String.valueOf(FaceSettings.create().warmupParallelism()), SettingName.WARMUP_PARALLELISM
                .defaultValue().orElseThrow());
    }
}
