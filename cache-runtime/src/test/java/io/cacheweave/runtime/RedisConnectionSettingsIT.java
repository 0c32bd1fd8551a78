package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.SettingValue;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 001's services configure Redis with {@code REDIS_URL}, {@code REDIS_MAX_CONNECTIONS},
 * {@code REDIS_SOCKET_TIMEOUT}, {@code REDIS_CONNECT_TIMEOUT}, {@code REDIS_RETRY_ON_TIMEOUT} and
 * {@code REDIS_HEALTH_CHECK_INTERVAL}. The same variables, handed to the settings loader as an embedder's
 * environment, configure a runtime against a real {@code redis-server}.
 */
class RedisConnectionSettingsIT {
    /** The runtimes' INFO lines and the warnings of the failures provoked, asserted on where they matter. */
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private RedisServer redis;

    @BeforeEach
    void start() {
        redis = RedisServers.local();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    private Settings seedEnvironment(String... more) {
        List<SettingValue> values = new ArrayList<>();
        values.add(variable("REDIS_URL", redis.url()));
        for (int i = 0; i < more.length; i += 2) {
            values.add(variable(more[i], more[i + 1]));
        }
        values.add(new SettingValue("cacheweave.namespace", redis.namespace(), "test"));
        return Settings.load(null, values);
    }

    private static SettingValue variable(String name, String value) {
        return new SettingValue(name, value, "environment variable " + name);
    }

    @Test
    void seedVariables_areAppliedOrNamedInANotice() {
        Settings s = seedEnvironment("REDIS_MAX_CONNECTIONS", "10", "REDIS_SOCKET_TIMEOUT", "5",
                "REDIS_CONNECT_TIMEOUT", "5", "REDIS_RETRY_ON_TIMEOUT", "true", "REDIS_HEALTH_CHECK_INTERVAL", "30");
        assertEquals(List.of(), s.problems());
        assertEquals(Duration.ofSeconds(5), s.redis().timeout());
        assertEquals(Duration.ofSeconds(5), s.redis().connectTimeout());
        assertTrue(s.redis().retryOnTimeout());
        assertEquals(Duration.ofSeconds(30), s.redis().healthCheckInterval());
        assertEquals(1, s.redis().connections(), "a pool size is not a connection count");
        assertEquals(List.of("REDIS_MAX_CONNECTIONS=10 (environment variable REDIS_MAX_CONNECTIONS) is not used: "
                + "Cacheweave's Redis client (Lettuce) multiplexes every command over one connection, so there is "
                + "no connection pool to bound; to open more data connections set cacheweave.redis.connections "
                + "(CACHEWEAVE_REDIS_CONNECTIONS, 1 to 16, default 1)"), s.notices());
        try (CacheRuntime runtime = CacheRuntime.builder().settings(s).build()) {
            Cache<String, Note> notes = runtime.cache("notes", Note.class);
            notes.put("k", new Note("v", 1));
            assertEquals(1, redis.keys().size());
        }
    }

    @Test
    void connections_opensThatManyDataConnections() {
        Settings s = Settings.load(null, List.of(variable("REDIS_URL", redis.url()),
                new SettingValue("cacheweave.redis.connections", "3", "test"),
                new SettingValue("cacheweave.namespace", redis.namespace(), "test")));
        try (CacheRuntime runtime = CacheRuntime.builder().settings(s).build()) {
            Cache<String, Note> notes = runtime.cache("notes", Note.class);
            for (int i = 0; i < 30; i++) {
                notes.put("k" + i, new Note("v", i));
            }
            String clients = (String) redis.call("CLIENT", "LIST");
            assertEquals(3, clients.lines().filter(l -> l.contains(" name=cacheweave ")).count(), clients);
            assertEquals(30, redis.keys().size());
        }
    }

    /**
     * {@code REDIS_RETRY_ON_TIMEOUT=true}: a read that times out while Redis pauses its clients is sent again and
     * finds the value; without it the same read is a miss.
     */
    @Test
    void retryOnTimeout_findsTheValueAfterAPause_withoutItTheReadMisses() {
        try (CacheRuntime writer = CacheRuntime.builder().settings(seedEnvironment()).build()) {
            writer.cache("notes", Note.class).put("k", new Note("v", 1));
        }
        Settings retrying = seedEnvironment("REDIS_SOCKET_TIMEOUT", "300ms", "REDIS_RETRY_ON_TIMEOUT", "true");
        Settings once = seedEnvironment("REDIS_SOCKET_TIMEOUT", "300ms", "REDIS_RETRY_ON_TIMEOUT", "false");
        try (CacheRuntime a = CacheRuntime.builder().settings(retrying).build();
                CacheRuntime b = CacheRuntime.builder().settings(once).build()) {
            Cache<String, Note> withRetry = a.cache("notes", Note.class);
            Cache<String, Note> without = b.cache("notes", Note.class);
            redis.call("CLIENT", "PAUSE", "450", "ALL");
            assertEquals(new Note("v", 1), withRetry.get("k"));
            redis.call("CLIENT", "PAUSE", "450", "ALL");
            assertNull(without.get("k"));
        }
    }

    /** {@code REDIS_HEALTH_CHECK_INTERVAL}: the kernel probes every idle connection of the runtime that soon. */
    @Test
    void healthCheckInterval_isTheKeepAliveOfEveryConnection() throws Exception {
        try (CacheRuntime runtime = CacheRuntime.builder()
                .settings(seedEnvironment("REDIS_HEALTH_CHECK_INTERVAL", "4")).build()) {
            runtime.cache("notes", Note.class).put("k", new Note("v", 1));
            List<Integer> timers = keepAliveSeconds(redis.port());
            assertFalse(timers.isEmpty(), "no connection to port " + redis.port() + " with a keep-alive timer");
            assertTrue(timers.stream().allMatch(t -> t <= 4), timers.toString());
        }
        try (CacheRuntime runtime = CacheRuntime.builder().settings(seedEnvironment()).build()) {
            runtime.cache("notes", Note.class).put("k", new Note("v", 1));
            List<Integer> timers = keepAliveSeconds(redis.port());
            assertTrue(timers.stream().anyMatch(t -> t > 4 && t <= 30), timers.toString());
        }
    }

    /** @return the keep-alive timers (seconds left) of this process's established connections to the port */
    private static List<Integer> keepAliveSeconds(int port) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tnoHp", "state", "established", "dport", "= :" + port)
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        List<Integer> timers = new ArrayList<>();
        String pid = "pid=" + ProcessHandle.current().pid() + ",";
        Matcher m = Pattern.compile("timer:\\(keepalive,(?:(\\d+)min)?(\\d+)(?:\\.\\d+)?(ms|sec)").matcher("");
        for (String line : out.lines().toList()) {
            if (line.contains(pid) && m.reset(line).find()) {
                int minutes = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
                int value = Integer.parseInt(m.group(2));
                timers.add(m.group(3).equals("ms") ? 0 : minutes * 60 + value);
            }
        }
        return timers;
    }
}
