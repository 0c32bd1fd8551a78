package io.cacheweave.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings of programmatic caches: {@code cacheweave.async.threads} and {@code cacheweave.keys.limit}. */
class ProgrammaticSettingsTest {
    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    @Test
    void defaults() {
        Settings s = SettingsLoader.load(env, system, null);
        assertEquals(4, s.core().asyncThreads());
        assertEquals(10_000, s.core().keysLimit());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void fromSystemPropertiesAndEnvironment() {
        env.put("CACHEWEAVE_ASYNC_THREADS", "2");
        system.setProperty("cacheweave.keys.limit", "50");
        Settings s = SettingsLoader.load(env, system, null);
        assertEquals(2, s.core().asyncThreads());
        assertEquals(50, s.core().keysLimit());
    }

    @Test
    void malformed_reported_defaultKept() {
        system.setProperty("cacheweave.async.threads", "0");
        system.setProperty("cacheweave.keys.limit", "many");
        Settings s = SettingsLoader.load(env, system, null);
        assertEquals(4, s.core().asyncThreads());
        assertEquals(10_000, s.core().keysLimit());
        assertEquals(2, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).startsWith("cacheweave.async.threads=\"0\" (system property) is not a positive "
                + "whole number"), s.problems().get(0));
    }
}
