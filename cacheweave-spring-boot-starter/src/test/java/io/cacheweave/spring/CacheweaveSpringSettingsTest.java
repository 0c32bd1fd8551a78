package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CacheweaveSpringSettingsTest {

    /** An environment of application properties under environment variables, as Spring orders them. */
    private static StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment", variables));
        env.getPropertySources().addLast(new MapPropertySource("Config resource 'application.properties'",
                properties));
        return env;
    }

    private static CacheweaveSpringSettings load(Map<String, Object> properties) {
        return CacheweaveSpringSettings.load(environment(properties, Map.of()), null);
    }

    @Test
    void load_relaxedPropertyNames() {
        CacheweaveSpringSettings s = load(Map.of("cacheweave.l1.maxEntries", "5", "cacheweave.redis.TIMEOUT", "2s",
                "cacheweave.ttl.books", "2m", "cacheweave.ttl[by.author]", "3m"));
        assertThat(s.settings().memory().maxEntries()).isEqualTo(5);
        assertThat(s.settings().redis().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.settings().core().operationTtl("books")).contains(Duration.ofMinutes(2));
        assertThat(s.settings().core().operationTtl("by.author")).contains(Duration.ofMinutes(3));
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void load_environmentVariablesBeatApplicationProperties() {
        CacheweaveSpringSettings s = CacheweaveSpringSettings.load(environment(
                Map.of("cacheweave.l1.max-entries", "5", "cacheweave.ttl.default", "10m"),
                Map.of("CACHEWEAVE_L1_MAXENTRIES", "7", "CACHEWEAVE_TTL_KEY_POINTS", "3m",
                        "CACHEWEAVE_TTL_DEFAULT", "20m")), null);
        assertThat(s.settings().memory().maxEntries()).isEqualTo(7);
        assertThat(s.settings().core().defaultTtl()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.settings().core().operationTtl("key_points")).contains(Duration.ofMinutes(3));
    }

    @Test
    void load_redisUrlVariable_cacheweaveVariableWins() {
        CacheweaveSpringSettings s = CacheweaveSpringSettings.load(environment(Map.of(),
                Map.of("REDIS_URL", "redis://a:1", "CACHEWEAVE_REDIS_URL", "redis://b:2")), null);
        assertThat(s.settings().redis().url()).contains("redis://b:2");
    }

    @Test
    void load_seedRedisVariables_appliedOrWarnedAbout_cacheweaveVariablesWin() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("REDIS_URL", "redis://a:1");
        variables.put("REDIS_MAX_CONNECTIONS", "10");
        variables.put("REDIS_SOCKET_TIMEOUT", "5");
        variables.put("REDIS_CONNECT_TIMEOUT", "3");
        variables.put("REDIS_RETRY_ON_TIMEOUT", "true");
        variables.put("REDIS_HEALTH_CHECK_INTERVAL", "30");
        variables.put("CACHEWEAVE_REDIS_CONNECT_TIMEOUT", "2s");
        CacheweaveSpringSettings s = CacheweaveSpringSettings.load(environment(Map.of(), variables), null);
        assertThat(s.settings().redis().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.settings().redis().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.settings().redis().retryOnTimeout()).isTrue();
        assertThat(s.settings().redis().healthCheckInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.warnings()).singleElement().asString().startsWith("REDIS_MAX_CONNECTIONS=10")
                .contains("set cacheweave.redis.connections");
    }

    @Test
    void load_springDataRedisHost_usedWithoutCacheweaveUrl() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.data.redis.host", "redis.internal");
        p.put("spring.data.redis.port", "6380");
        p.put("spring.data.redis.username", "app");
        p.put("spring.data.redis.password", "p@ss word");
        p.put("spring.data.redis.ssl.enabled", "true");
        p.put("spring.data.redis.database", "2");
        p.put("spring.data.redis.timeout", "1500ms");
        CacheweaveSpringSettings s = load(p);
        assertThat(s.settings().redis().url()).contains("rediss://app:p%40ss%20word@redis.internal:6380/2");
        assertThat(s.settings().redis().timeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void load_springDataRedisUrl_andClusterNodes() {
        assertThat(load(Map.of("spring.data.redis.url", "redis://h:7000")).settings().redis().url())
                .contains("redis://h:7000");
        CacheweaveSpringSettings cluster = load(Map.of("spring.data.redis.cluster.nodes", "h1:7000, h2:7001"));
        assertThat(cluster.settings().redis().url()).contains("redis://h1:7000,h2:7001");
        assertThat(cluster.settings().redis().cluster()).isTrue();
    }

    @Test
    void load_cacheweaveUrlWins_andNothingWithoutHost() {
        CacheweaveSpringSettings s = load(Map.of("cacheweave.redis.url", "redis://mine:1",
                "spring.data.redis.host", "theirs", "spring.data.redis.timeout", "3s"));
        assertThat(s.settings().redis().url()).contains("redis://mine:1");
        assertThat(s.settings().redis().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(load(Map.of("spring.data.redis.timeout", "3s")).settings().redis().url()).isEmpty();
    }

    @Test
    void load_badSpringDataRedisUrl_stopsNamingPropertyAndSource() {
        assertThatThrownBy(() -> load(Map.of("spring.data.redis.url", "http://user:secret@h:1")))
                .isInstanceOf(CacheweaveConfigurationException.class)
                .hasMessageContaining("spring.data.redis.url=\"http://user:***@h:1\"")
                .hasMessageContaining("application.properties")
                .hasMessageContaining("use redis://[username:password@]host[:port][/database]")
                .hasMessageNotContaining("secret");
    }

    @Test
    void load_malformedValue_stopsNamingPropertySourceAndForm() {
        assertThatThrownBy(() -> load(Map.of("cacheweave.ttl.default", "banana", "cacheweave.l1.max-entries", "-3")))
                .isInstanceOfSatisfying(CacheweaveConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .contains("cacheweave.ttl.default=\"banana\" (Config resource 'application.properties')")
                            .contains("is not a duration; use a positive number of seconds"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .contains("cacheweave.l1.max-entries=\"-3\"").contains("a number from 1"));
                });
    }

    @Test
    void load_unknownName_warnsWithDidYouMeanAndRunsOn() {
        CacheweaveSpringSettings s = CacheweaveSpringSettings.load(environment(
                Map.of("cacheweave.l1.max-entires", "5"), Map.of("CACHEWEAVE_BREAKER_FAILURE_THRESHOLT", "3")), null);
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w).startsWith("unknown setting cacheweave.l1.max-entires")
                .contains("did you mean cacheweave.l1.max-entries?"));
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w)
                .contains("environment variable CACHEWEAVE_BREAKER_FAILURE_THRESHOLT")
                .contains("did you mean cacheweave.breaker.failure-threshold?"));
        assertThat(s.settings().memory().maxEntries()).isEqualTo(10_000);
    }

    @Test
    void load_starterSettings_andMetersOnTheApplicationsRegistry() {
        CacheweaveSpringSettings defaults = load(Map.of());
        assertThat(defaults.allowNullValues()).isTrue();
        assertThat(defaults.meters()).isTrue();
        assertThat(defaults.settings()
                .telemetry().micrometerEnabled()).isFalse(); // never the global registry in Spring
        CacheweaveSpringSettings off = load(Map.of("cacheweave.spring.allow-null-values", "false",
                "cacheweave.micrometer.enabled", "false"));
        assertThat(off.allowNullValues()).isFalse();
        assertThat(off.meters()).isFalse();
        assertThat(off.warnings()).isEmpty();
    }
}
