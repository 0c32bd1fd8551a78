package io.cacheweave.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    private static final String DURATION_HINT = "use a positive number of seconds (7200) or a number with a unit: "
            + "500ms, 30s, 30m, 2h, 1d, or ISO-8601 (PT2H)";

    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    private Settings load() {
        return SettingsLoader.load(env, system, null);
    }

    private Settings load(ClassLoader resources) {
        return SettingsLoader.load(env, system, resources);
    }

    /** A class loader that sees only {@code cacheweave.properties} files with these contents, in this order. */
    private URLClassLoader classPath(String... files) throws IOException {
        URL[] urls = new URL[files.length];
        for (int i = 0; i < files.length; i++) {
            Path dir = Files.createDirectories(temp.resolve("cp" + i));
            Files.writeString(dir.resolve("cacheweave.properties"), files[i], StandardCharsets.UTF_8);
            urls[i] = dir.toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    private String url(int index) throws IOException {
        return temp.resolve("cp" + index).resolve("cacheweave.properties").toUri().toURL().toString();
    }

    @Test
    void load_nothingGivesDefaults() {
        env.put("PATH", "/usr/bin");
        system.setProperty("java.version", "17");
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertTrue(s.core().enabled());
        assertEquals(Duration.ofHours(1), s.core().defaultTtl());
        assertEquals(Map.of(), s.core().operationTtls());
        assertEquals(10_000, s.memory().maxEntries());
        assertEquals(Duration.ofSeconds(60), s.core().singleFlightMaxWait());
        assertEquals(1000, s.core().keyHashThreshold());
        assertEquals(Settings.create().toString(), s.toString());
    }

    @Test
    void load_propertiesFile() throws IOException {
        try (URLClassLoader cp = classPath("""
                # comment
                cacheweave.enabled = false
                cacheweave.ttl.default=30m
                cacheweave.ttl.summarize=2h
                cacheweave.l1.max-entries=500
                cacheweave.single-flight.max-wait=PT5S
                cacheweave.key.hash-threshold=64
                """)) {
            Settings s = load(cp);
            assertEquals(List.of(), s.problems());
            assertFalse(s.core().enabled());
            assertEquals(Duration.ofMinutes(30), s.core().defaultTtl());
            assertEquals(Optional.of(Duration.ofHours(2)), s.core().operationTtl("summarize"));
            assertEquals(Optional.empty(), s.core().operationTtl("sentiment"));
            assertEquals(500, s.memory().maxEntries());
            assertEquals(Duration.ofSeconds(5), s.core().singleFlightMaxWait());
            assertEquals(64, s.core().keyHashThreshold());
        }
    }

    @Test
    void loadValues_afterTheResources_laterWins_problemsNameTheirSource() throws IOException {
        try (URLClassLoader cp = classPath("cacheweave.ttl.default=30m\ncacheweave.l1.max-entries=500\n")) {
            Settings s = Settings.load(cp, List.of(
                    new SettingValue("cacheweave.l1.max-entries", "700", "application.yml - 3:5"),
                    new SettingValue("cacheweave.ttl.summarize", "2h", "application.yml - 4:5"),
                    new SettingValue("cacheweave.l1.max-entries", "900", "environment variable X"),
                    new SettingValue("cacheweave.ttl.default", "banana", "application.yml - 2:5"),
                    new SettingValue("cacheweave.l1.maxentries", "5", "application.yml - 5:5")));
            assertEquals(Duration.ofMinutes(30), s.core().defaultTtl());
            assertEquals(900, s.memory().maxEntries());
            assertEquals(Optional.of(Duration.ofHours(2)), s.core().operationTtl("summarize"));
            assertEquals(List.of("cacheweave.ttl.default=\"banana\" (application.yml - 2:5) is not a duration; "
                    + DURATION_HINT, "unknown setting cacheweave.l1.maxentries (application.yml - 5:5); did you mean "
                    + "cacheweave.l1.max-entries?"), s.problems());
        }
    }

    @Test
    void load_everyPropertiesFileLaterWins() throws IOException {
        try (URLClassLoader cp = classPath("cacheweave.ttl.default=10m\ncacheweave.ttl.a=1m\n",
                "cacheweave.ttl.default=20m\ncacheweave.ttl.b=2m\n")) {
            Settings s = load(cp);
            assertEquals(Duration.ofMinutes(20), s.core().defaultTtl());
            assertEquals(Map.of("a", Duration.ofMinutes(1), "b", Duration.ofMinutes(2)), s.core().operationTtls());
        }
    }

    @Test
    void load_environmentVariables() {
        env.put("CACHEWEAVE_ENABLED", "FALSE");
        env.put("CACHEWEAVE_TTL_DEFAULT", "30m");
        env.put("CACHEWEAVE_TTL_KEY_POINTS", "45m");
        env.put("CACHEWEAVE_TTL_SUMMARIZE", "7200");
        env.put("CACHEWEAVE_L1_MAX_ENTRIES", "5");
        env.put("CACHEWEAVE_SINGLE_FLIGHT_MAX_WAIT", "500ms");
        env.put("CACHEWEAVE_KEY_HASH_THRESHOLD", "77");
        env.put("HOME", "/root");
        env.put("cacheweave_ttl_default", "1s"); // not ours: variables are upper case
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertFalse(s.core().enabled());
        assertEquals(Duration.ofMinutes(30), s.core().defaultTtl());
        assertEquals(Map.of("key_points", Duration.ofMinutes(45), "summarize", Duration.ofHours(2)),
                s.core().operationTtls(), "CACHEWEAVE_TTL_DEFAULT is the default TTL, not an operation named default");
        assertEquals(5, s.memory().maxEntries());
        assertEquals(Duration.ofMillis(500), s.core().singleFlightMaxWait());
        assertEquals(77, s.core().keyHashThreshold());
    }

    @Test
    void load_systemProperties() {
        system.setProperty("cacheweave.ttl.default", "5m");
        system.setProperty("cacheweave.ttl.summarize", "2h");
        system.setProperty("cacheweave.enabled", "false");
        system.setProperty("user.name", "x");
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertEquals(Duration.ofMinutes(5), s.core().defaultTtl());
        assertEquals(Optional.of(Duration.ofHours(2)), s.core().operationTtl("summarize"));
        assertFalse(s.core().enabled());
    }

    @Test
    void load_agentArguments() {
        system.setProperty(Settings.AGENT_ARGUMENTS_PROPERTY,
                "cacheweave.ttl.default=30m, cacheweave.ttl.summarize=2h,,cacheweave.l1.max-entries=9,");
        Settings s = load();
        assertEquals(List.of(), s.problems(), "the agent arguments property is not an unknown setting");
        assertEquals(Duration.ofMinutes(30), s.core().defaultTtl());
        assertEquals(Optional.of(Duration.ofHours(2)), s.core().operationTtl("summarize"));
        assertEquals(9, s.memory().maxEntries());
    }

    @Test
    void load_laterSourcesWin() throws IOException {
        try (URLClassLoader cp = classPath("""
                cacheweave.ttl.default=1m
                cacheweave.ttl.op=1m
                cacheweave.l1.max-entries=1
                cacheweave.key.hash-threshold=1
                cacheweave.single-flight.max-wait=1s
                """)) {
            env.put("CACHEWEAVE_TTL_DEFAULT", "2m");
            env.put("CACHEWEAVE_TTL_OP", "2m");
            env.put("CACHEWEAVE_L1_MAX_ENTRIES", "2");
            env.put("CACHEWEAVE_KEY_HASH_THRESHOLD", "2");
            system.setProperty("cacheweave.ttl.default", "3m");
            system.setProperty("cacheweave.ttl.op", "3m");
            system.setProperty("cacheweave.l1.max-entries", "3");
            system.setProperty(Settings.AGENT_ARGUMENTS_PROPERTY, "cacheweave.ttl.default=4m");
            Settings s = load(cp);
            assertEquals(List.of(), s.problems());
            assertEquals(Duration.ofMinutes(4), s.core().defaultTtl(), "agent arguments beat system properties");
            assertEquals(Duration.ofMinutes(3), s.core().operationTtl("op").orElseThrow(), "system beats environment");
            assertEquals(3, s.memory().maxEntries());
            assertEquals(2, s.core().keyHashThreshold(), "environment beats the properties file");
            assertEquals(Duration.ofSeconds(1), s.core().singleFlightMaxWait(),
                    "the properties file beats the defaults");
        }
    }

    @Test
    void problem_malformedValueKeepsEarlierValue() throws IOException {
        try (URLClassLoader cp = classPath("cacheweave.ttl.summarize=1h\n")) {
            system.setProperty("cacheweave.ttl.summarize", "2 hours");
            Settings s = load(cp);
            assertEquals(List.of("cacheweave.ttl.summarize=\"2 hours\" (system property) is not a duration; "
                    + DURATION_HINT), s.problems());
            assertEquals(Optional.of(Duration.ofHours(1)), s.core().operationTtl("summarize"));
        }
    }

    @Test
    void problem_malformedValueFromEachSource() throws IOException {
        try (URLClassLoader cp = classPath("cacheweave.enabled=yes\n")) {
            env.put("CACHEWEAVE_L1_MAX_ENTRIES", "0");
            env.put("CACHEWEAVE_TTL_KEY_POINTS", "soon");
            system.setProperty("cacheweave.key.hash-threshold", "3000000000");
            system.setProperty("cacheweave.single-flight.max-wait", "0s");
            system.setProperty(Settings.AGENT_ARGUMENTS_PROPERTY, "cacheweave.ttl.default=-PT1H");
            Settings s = load(cp);
            assertEquals(List.of(
                    "cacheweave.enabled=\"yes\" (" + url(0) + ") is not a boolean; use true or false",
                    "cacheweave.l1.max-entries=\"0\" (environment variable CACHEWEAVE_L1_MAX_ENTRIES) is not a "
                            + "positive whole number; use a number from 1 to 9223372036854775807, such as 10000",
                    "cacheweave.ttl.key_points=\"soon\" (environment variable CACHEWEAVE_TTL_KEY_POINTS) is not a "
                            + "duration; " + DURATION_HINT,
                    "cacheweave.key.hash-threshold=\"3000000000\" (system property) is not a positive whole number; "
                            + "use a number from 1 to 2147483647, such as 1000",
                    "cacheweave.single-flight.max-wait=\"0s\" (system property) is not a positive duration; "
                            + DURATION_HINT,
                    "cacheweave.ttl.default=\"-PT1H\" (agent argument) is not a positive duration; "
                            + DURATION_HINT), s.problems());
            assertEquals(Settings.create().toString(), s.toString(), "every bad value left the default");
        }
    }

    @Test
    void problem_unknownNamesWithSuggestions() throws IOException {
        try (URLClassLoader cp = classPath("ttl.default=5m\ncacheweave.l1.max-entires=5\n")) {
            env.put("CACHEWEAVE_L1_MAX_ENTRY", "5");
            env.put("CACHEWEAVE_TLL_SUMMARIZE", "2h");
            system.setProperty("cacheweave.l1.maxentries", "5");
            system.setProperty("cacheweave.tll.summarize", "2h");
            system.setProperty(Settings.AGENT_ARGUMENTS_PROPERTY, "summarize=2h,cacheweave.enable=false");
            Settings s = load(cp);
            assertEquals(List.of(
                    "unknown setting cacheweave.l1.max-entires (" + url(0) + "); did you mean "
                            + "cacheweave.l1.max-entries?",
                    "unknown setting ttl.default (" + url(0) + "); did you mean cacheweave.ttl.default?",
                    "unknown setting CACHEWEAVE_L1_MAX_ENTRY (environment variable); did you mean "
                            + "CACHEWEAVE_L1_MAX_ENTRIES?",
                    "unknown setting CACHEWEAVE_TLL_SUMMARIZE (environment variable); did you mean "
                            + "CACHEWEAVE_TTL_SUMMARIZE?",
                    "unknown setting cacheweave.l1.maxentries (system property); did you mean "
                            + "cacheweave.l1.max-entries?",
                    "unknown setting cacheweave.tll.summarize (system property); did you mean "
                            + "cacheweave.ttl.summarize?",
                    "unknown setting summarize (agent argument); did you mean cacheweave.ttl.summarize?",
                    "unknown setting cacheweave.enable (agent argument); did you mean cacheweave.enabled?"),
                    s.problems());
            assertEquals(Settings.create().toString(), s.toString());
        }
    }

    @Test
    void problem_unknownNameWithoutSuggestionListsSettings() {
        system.setProperty("cacheweave.zebra.stripes", "7");
        env.put("CACHEWEAVE_ZEBRA_STRIPES", "7");
        Settings s = load();
        String variables = java.util.Arrays.stream(SettingName.values()).map(SettingName::environmentVariable)
                .collect(java.util.stream.Collectors.joining(", "));
        String properties = java.util.Arrays.stream(SettingName.values()).map(SettingName::property)
                .collect(java.util.stream.Collectors.joining(", "));
        assertEquals(List.of(
                "unknown setting CACHEWEAVE_ZEBRA_STRIPES (environment variable); the settings are " + variables,
                "unknown setting cacheweave.zebra.stripes (system property); the settings are " + properties),
                s.problems());
    }

    @Test
    void redisUrl_fromRedisUrlVariable_isOverriddenByTheCacheweaveVariable() {
        env.put("REDIS_URL", "redis://a:6379");
        assertEquals(java.util.Optional.of("redis://a:6379"), load().redis().url());
        env.put("CACHEWEAVE_REDIS_URL", "redis://b:6379");
        assertEquals(java.util.Optional.of("redis://b:6379"), load().redis().url());
        system.setProperty("cacheweave.redis.url", "rediss://c:6380");
        assertEquals(java.util.Optional.of("rediss://c:6380"), load().redis().url());
    }

    @Test
    void redisClientVariables_areAliases_overriddenByCacheweaveVariables() {
        env.put("REDIS_SOCKET_TIMEOUT", "5");
        env.put("REDIS_CONNECT_TIMEOUT", "2");
        env.put("REDIS_RETRY_ON_TIMEOUT", "TRUE");
        env.put("REDIS_HEALTH_CHECK_INTERVAL", "60");
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertEquals(java.time.Duration.ofSeconds(5), s.redis().timeout());
        assertEquals(RedisSettings.builder().timeout(java.time.Duration.ofSeconds(5))
                .connectTimeout(java.time.Duration.ofSeconds(2)).retryOnTimeout(true)
                .healthCheckInterval(java.time.Duration.ofSeconds(60)).build(), s.redis());
        env.put("CACHEWEAVE_REDIS_TIMEOUT", "100ms");
        env.put("CACHEWEAVE_REDIS_RETRY_ON_TIMEOUT", "false");
        env.put("CACHEWEAVE_REDIS_CONNECTIONS", "4");
        s = load();
        assertEquals(java.time.Duration.ofMillis(100), s.redis().timeout());
        assertEquals(false, s.redis().retryOnTimeout());
        assertEquals(4, s.redis().connections());
        assertEquals(List.of(), s.notices());
    }

    @Test
    void redisConnectionSettings_badValuesNameTheRule() {
        env.put("REDIS_HEALTH_CHECK_INTERVAL", "1");
        env.put("REDIS_RETRY_ON_TIMEOUT", "yes");
        system.setProperty("cacheweave.redis.connections", "17");
        env.put("REDIS_MAX_CONNECTIONS", "50");
        Settings s = load();
        assertEquals(List.of(
                "REDIS_HEALTH_CHECK_INTERVAL=\"1\" (environment variable REDIS_HEALTH_CHECK_INTERVAL) is not a positive "
                        + "duration; use " + Durations.FORM + " (redis.health-check-interval must be at least 3s "
                        + "(TCP keep-alive counts whole seconds): PT1S)",
                "REDIS_RETRY_ON_TIMEOUT=\"yes\" (environment variable REDIS_RETRY_ON_TIMEOUT) is not a boolean; use "
                        + "true or false",
                "cacheweave.redis.connections=\"17\" (system property) is not a positive whole number; use a number "
                        + "from 1 to 2147483647, such as 1000 (redis.connections must be from 1 to 16: 17)"),
                s.problems());
        assertEquals(RedisSettings.create(), s.redis());
        assertEquals(1, s.notices().size());
        assertTrue(s.notices().get(0).startsWith("REDIS_MAX_CONNECTIONS=50 (environment variable "
                + "REDIS_MAX_CONNECTIONS) is not used"), s.notices().get(0));
    }

    @Test
    void sharedTierSettings_parseAndDefault() {
        Settings defaults = load();
        assertEquals(java.util.Optional.empty(), defaults.redis().url());
        assertEquals(java.time.Duration.ofMillis(250), defaults.redis().timeout());
        assertEquals("cacheweave", defaults.core().namespace());
        assertEquals(1, defaults.core().schemaVersion());
        assertEquals(java.util.Optional.empty(), defaults.memory().ttl());

        system.setProperty("cacheweave.redis.cluster", "TRUE");
        system.setProperty("cacheweave.redis.timeout", "50ms");
        system.setProperty("cacheweave.namespace", "my-service");
        system.setProperty("cacheweave.schema-version", "3");
        system.setProperty("cacheweave.l1.ttl", "30s");
        system.setProperty("cacheweave.breaker.failure-threshold", "2");
        system.setProperty("cacheweave.breaker.open-duration", "1s");
        Settings s = load();
        assertEquals(List.of(), s.problems());
        assertTrue(s.redis().cluster());
        assertEquals(java.time.Duration.ofMillis(50), s.redis().timeout());
        assertEquals("my-service", s.core().namespace());
        assertEquals(3, s.core().schemaVersion());
        assertEquals(java.util.Optional.of(java.time.Duration.ofSeconds(30)), s.memory().ttl());
        assertEquals(2, s.breaker().failureThreshold());
        assertEquals(java.time.Duration.ofSeconds(1), s.breaker().openDuration());
    }

    @Test
    void namespace_withPatternCharacters_isAProblem() {
        system.setProperty("cacheweave.namespace", "a:b*");
        Settings s = load();
        assertEquals(List.of("cacheweave.namespace=\"a:b*\" (system property) is not a name; use letters, digits, "
                + "'.', '_' and '-' only, such as my-service"), s.problems());
        assertEquals("cacheweave", s.core().namespace());
    }

    @Test
    void toString_redactsTheRedisPassword() {
        system.setProperty("cacheweave.redis.url", "rediss://user:secret@host:6380/0");
        String text = load().toString();
        assertTrue(text.contains("rediss://user:***@host:6380/0"), text);
        assertTrue(!text.contains("secret"), text);
    }

    @Test
    void problem_agentArgumentWithoutEquals() {
        system.setProperty(Settings.AGENT_ARGUMENTS_PROPERTY, "cacheweave.ttl.default,cacheweave.l1.max-entries=7,=5");
        Settings s = load();
        assertEquals(List.of(
                "agent argument \"cacheweave.ttl.default\" has no \"=\"; write name=value, such as "
                        + "cacheweave.ttl.default=30m, and separate arguments with \",\"",
                "agent argument \"=5\" has no name before \"=\"; write name=value, such as "
                        + "cacheweave.ttl.default=30m"), s.problems());
        assertEquals(7, s.memory().maxEntries(), "the good argument still applies");
        assertEquals(Duration.ofHours(1), s.core().defaultTtl());
    }

    @Test
    void problem_unreadablePropertiesFile() throws IOException {
        try (URLClassLoader cp = classPath("cacheweave.enabled=\\uZZZZ\n", "cacheweave.ttl.default=2m\n")) {
            Settings s = load(cp);
            assertEquals(1, s.problems().size());
            assertTrue(s.problems().get(0).startsWith("could not read " + url(0) + ": "), s.problems().get(0));
            assertEquals(Duration.ofMinutes(2), s.core().defaultTtl(), "the other file still applies");
        }
    }

    @Test
    void checkAgentArguments_reportsWithoutApplying() {
        assertEquals(List.of(), Settings.checkAgentArguments(null));
        assertEquals(List.of(), Settings.checkAgentArguments(" "));
        assertEquals(List.of(), Settings.checkAgentArguments("cacheweave.ttl.default=30m,cacheweave.ttl.summarize=2h"));
        assertEquals(List.of(
                "unknown setting cacheweave.tl.default (agent argument); did you mean cacheweave.ttl.default?",
                "cacheweave.ttl.summarize=\"2 hours\" (agent argument) is not a duration; " + DURATION_HINT,
                "agent argument \"verbose\" has no \"=\"; write name=value, such as cacheweave.ttl.default=30m, "
                        + "and separate arguments with \",\""),
                Settings.checkAgentArguments("cacheweave.tl.default=nope,cacheweave.ttl.summarize=2 hours,verbose"));
    }

    @Test
    void load_realSourcesUseContextClassLoader() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader cp = classPath("cacheweave.ttl.settings-loader-test-operation=42s\n")) {
            thread.setContextClassLoader(cp);
            Settings s = Settings.load();
            assertEquals(Optional.of(Duration.ofSeconds(42)), s.core().operationTtl("settings-loader-test-operation"));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void settingName_namesDefaultsAndForms() {
        assertEquals("CACHEWEAVE_L1_MAX_ENTRIES", SettingName.L1_MAX_ENTRIES.environmentVariable());
        assertEquals("CACHEWEAVE_SINGLE_FLIGHT_MAX_WAIT", SettingName.SINGLE_FLIGHT_MAX_WAIT.environmentVariable());
        assertEquals("CACHEWEAVE_TTL_<OPERATION>", SettingName.TTL_OPERATION.environmentVariable());
        assertEquals(Optional.of(SettingName.KEY_HASH_THRESHOLD),
                SettingName.ofProperty("cacheweave.key.hash-threshold"));
        assertEquals(Optional.empty(), SettingName.ofProperty("cacheweave.ttl.<operation>"));
        assertEquals(Optional.of(SettingName.TTL_DEFAULT), SettingName.ofEnvironmentVariable("CACHEWEAVE_TTL_DEFAULT"));
        // The documented defaults are the ones the builder uses.
        assertEquals(String.valueOf(CoreSettings.create().enabled()), SettingName.ENABLED.defaultValue().orElseThrow());
        assertEquals(CoreSettings.create().defaultTtl(),
                Durations.parse(SettingName.TTL_DEFAULT.defaultValue().orElseThrow()));
        assertEquals(MemorySettings.create().maxEntries(),
                Long.parseLong(SettingName.L1_MAX_ENTRIES.defaultValue().orElseThrow()));
        assertEquals(CoreSettings.create().singleFlightMaxWait(),
                Durations.parse(SettingName.SINGLE_FLIGHT_MAX_WAIT.defaultValue().orElseThrow()));
        assertEquals(CoreSettings.create().keyHashThreshold(),
                Integer.parseInt(SettingName.KEY_HASH_THRESHOLD.defaultValue().orElseThrow()));
        assertEquals(Optional.empty(), SettingName.TTL_OPERATION.defaultValue());
    }

    @Test
    void distance_countsEditsAndTranspositions() {
        assertEquals(0, SettingSuggestions.distance("abc", "ABC"));
        assertEquals(1, SettingSuggestions.distance("ab", "ba"));
        assertEquals(1, SettingSuggestions.distance("entires", "entries"));
        assertEquals(3, SettingSuggestions.distance("kitten", "sitting"));
    }
}
