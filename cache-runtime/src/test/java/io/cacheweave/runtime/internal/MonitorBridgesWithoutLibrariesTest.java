package io.cacheweave.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.ScriptedMonitor;
import io.cacheweave.runtime.testing.Snapshots;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own surefire execution whose class path has neither Micrometer nor OpenTelemetry (see the pom), as in
 * an application without them: the runtime loads and runs, the bridges stay off without an error, the stats page
 * still works.
 */
class MonitorBridgesWithoutLibrariesTest {

    @Test
    void classPath_hasNeitherLibrary() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(MonitorBridges.MICROMETER_PROBE));
        assertThrows(ClassNotFoundException.class, () -> Class.forName(MonitorBridges.OTEL_PROBE));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.micrometer.core.instrument.MeterRegistry"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.opentelemetry.api.OpenTelemetry"));
    }

    @Test
    void everyRuntimeClassOutsideTheBridges_loadsAndInitializes() throws IOException, ClassNotFoundException {
        Path classes = Path.of(CacheRuntime.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(p -> classes.relativize(p).toString()).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - 6).replace('/', '.'))
                    .filter(n -> !n.startsWith("io.cacheweave.runtime.stats.micrometer.")
                            && !n.startsWith("io.cacheweave.runtime.stats.otel."))
                    .toList();
        }
        assertTrue(names.size() > 50, "classes: " + names.size());
        for (String name : names) {
            Class.forName(name, true, getClass().getClassLoader());
        }
    }

    @Test
    void start_bridgesEnabledButAbsent_onlyThePageStarts() throws Exception {
        Settings settings = Settings.builder().statsPage(p -> p.enabled(true).port(0)).build();
        MonitorBridges bridges = MonitorBridges.start(settings, () -> ScriptedMonitor.of(Snapshots.sample(0)));
        try {
            assertEquals(List.of("stats page"), bridges.names());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    bridges.statsPage().orElseThrow()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } finally {
            bridges.close();
        }
    }

    @Test
    void install_defaultSettings_runtimeRuns() {
        CacheRuntime rt = CacheRuntime.builder().settings(Settings.create()).build();
        Cacheweave.install(rt);
        rt.invalidatePattern("nothing:*");
        assertEquals(0, rt.stats().size());
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
    }
}
