package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorJson;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.micrometer.CacheMonitorMetrics;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * A supporting cache ({@link CacheBuilder#supporting}): a library's internal cache, reported by the monitor and its
 * bridges marked as such and under the cache it serves, and left out of advice, alerts and the runtime's totals.
 * A real runtime (memory tier) with its real monitor, JMX beans and Micrometer bridge.
 */
class SupportingCacheTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final ManualClock clock = new ManualClock();
    private CacheRuntime runtime;

    private CacheRuntime runtime(boolean jmx) {
        runtime = CacheRuntime.builder().settings(Settings.builder().monitor(m -> m.jmx(jmx)
                .slowLoad(Duration.ofMillis(5))).build()).clock(clock).build();
        return runtime;
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static MonitorSnapshot.Operation op(MonitorSnapshot s, String name) {
        return s.operations().stream().filter(o -> o.operation().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void supportingCache_markedInTheSnapshotAndItsJson() {
        CacheRuntime r = runtime(false);
        Cache<String, String> chat = r.<String, String>cacheBuilder("chat").valueType(String.class).build();
        Cache<String, String> manifest = r.<String, String>cacheBuilder("chat-manifest").valueType(String.class)
                .supporting("chat").build();
        chat.put("q", "a");
        assertEquals("a", chat.get("q"));
        assertNull(manifest.get("scope"));

        MonitorSnapshot s = r.monitor().snapshot();
        assertEquals("chat", op(s, "chat-manifest").supports());
        assertTrue(op(s, "chat-manifest").supporting());
        assertNull(op(s, "chat").supports(), "the application's own cache");
        assertFalse(op(s, "chat").supporting());

        String json = r.monitor().snapshotJson();
        assertTrue(json.contains("\"operation\":\"chat-manifest\""), json);
        assertTrue(json.contains("\"supports\":\"chat\""), json);
        assertFalse(json.contains("\"supporting\""), "a helper, not a field: " + json);
        assertEquals("chat", op(MonitorJson.read(json), "chat-manifest").supports(), "read back");
        assertNull(op(MonitorJson.read(json), "chat").supports());
    }

    @Test
    void supportingCache_getsNoAdvice_noSlowAlert_andIsLeftOutOfTheTotals() {
        CacheRuntime r = runtime(false);
        Cache<String, String> notes = r.<String, String>cacheBuilder("notes").valueType(String.class).build();
        Cache<String, String> index = r.<String, String>cacheBuilder("notes-index").valueType(String.class)
                .supporting("notes").build();
        for (int i = 0; i < 30; i++) { // 0% hit ratio in both, past the 20 calls advice waits for
            assertNull(notes.get("n" + i));
            assertNull(index.get("i" + i));
        }
        assertEquals("slow", index.getOrLoad("slow-i", k -> slowly("slow")));
        assertEquals("slow", notes.getOrLoad("slow-n", k -> slowly("slow")));
        for (int i = 0; i < 3; i++) {
            assertEquals("slow", index.get("slow-i"));
        }
        assertEquals("slow", notes.get("slow-n"));

        MonitorSnapshot s = r.monitor().snapshot();
        List<String> advised = s.recommendations().stream().map(MonitorSnapshot.Recommendation::subject).toList();
        assertTrue(advised.contains("notes"), "the application's cache is advised: " + advised);
        assertFalse(advised.contains("notes-index"), "the supporting cache is not: " + s.recommendations());
        List<String> alerted = s.alerts().stream().map(a -> a.kind() + " " + a.subject()).toList();
        assertEquals(List.of("slow-operation notes"), alerted, "both load slowly; only the application's alerts");
        logs.assertOnce(Level.WARN, "alert slow-operation (notes)");
        assertEquals(List.of(), logs.find(Level.WARN, "notes-index"), "no alert logged for the supporting cache");

        assertEquals(3, op(s, "notes-index").saved().calls(), "its own numbers stay");
        assertEquals(1, s.saved().calls(), "the runtime's total counts the application's hits only");
        assertEquals(op(s, "notes").saved().estimatedNanos(), s.saved().estimatedNanos());
        assertEquals(op(s, "notes").memory().entries() + op(s, "notes-index").memory().entries(),
                s.memory().entries(), "memory is memory: both count");
    }

    @Test
    void supportingCache_markedOverJmx_andLeftOutOfTheRuntimesHits() throws Exception {
        CacheRuntime r = runtime(true);
        Cache<String, String> own = r.<String, String>cacheBuilder("jmx-own").valueType(String.class).build();
        Cache<String, String> internal = r.<String, String>cacheBuilder("jmx-own-vectors").valueType(String.class)
                .supporting("jmx-own").build();
        own.put("k", "v");
        assertEquals("v", own.get("k"));
        internal.put("k", "v");
        for (int i = 0; i < 4; i++) {
            assertEquals("v", internal.get("k"));
        }
        ((RuntimeMonitor) r.monitor()).registerBeansNow(); // instead of waiting for MonitorBeans.DELAY_MILLIS
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName internalBean = new ObjectName("io.cacheweave:type=Operation,name=jmx-own-vectors");
        ObjectName ownBean = new ObjectName("io.cacheweave:type=Operation,name=jmx-own");
        assertEquals("jmx-own", server.getAttribute(internalBean, "Supports"));
        assertEquals(true, server.getAttribute(internalBean, "Internal"));
        assertEquals(4L, server.getAttribute(internalBean, "Hits"), "its numbers are all there");
        assertEquals("", server.getAttribute(ownBean, "Supports"));
        assertEquals(false, server.getAttribute(ownBean, "Internal"));
        ObjectName global = new ObjectName("io.cacheweave:type=Cacheweave");
        assertEquals(1L, server.getAttribute(global, "Hits"), "the application's hits only");
        assertEquals(2, server.getAttribute(global, "OperationCount"), "both have a bean");
    }

    @Test
    void supportingCache_taggedInternalOnEveryMicrometerMeter() {
        CacheRuntime r = runtime(false);
        Cache<String, String> own = r.<String, String>cacheBuilder("metered").valueType(String.class).build();
        Cache<String, String> internal = r.<String, String>cacheBuilder("metered-questions")
                .valueType(String.class).supporting("metered").build();
        own.put("k", "v");
        assertEquals("v", own.get("k"));
        assertNull(internal.get("k"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CacheMonitorMetrics metrics = CacheMonitorMetrics.monitor(registry, r.monitor())) {
            assertEquals(1.0, registry.get("cache.gets").tags("cache", "metered-questions", "result", "miss",
                    "internal", "true").functionCounter().count());
            assertEquals(1.0, registry.get("cache.gets").tags("cache", "metered", "result", "hit", "internal",
                    "false").functionCounter().count());
            registry.getMeters().stream().filter(m -> m.getId().getTag("cache") != null).forEach(m ->
                    assertEquals(m.getId().getTag("cache").equals("metered-questions") ? "true" : "false",
                            m.getId().getTag("internal"), m.getId().toString()));
        }
    }

    @Test
    void supporting_badArguments_rejectedNamingTheFix() {
        CacheRuntime r = runtime(false);
        CacheBuilder<String, String> builder = r.<String, String>cacheBuilder("chat-questions");
        assertEquals("supporting: the name of the cache that \"chat-questions\" serves must not be null",
                assertThrows(IllegalArgumentException.class, () -> builder.supporting(null)).getMessage());
        assertEquals("supporting: cache \"chat-questions\" cannot serve itself; name the cache it is kept for",
                assertThrows(IllegalArgumentException.class, () -> builder.supporting("chat-questions"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.supporting("chat:1")).getMessage()
                .contains("without ':'"));
    }

    @Test
    void supporting_theFirstBuildOfANameDecides_asForItsTtl() {
        CacheRuntime r = runtime(false);
        Cache<String, String> first = r.<String, String>cacheBuilder("answers-manifest").valueType(String.class)
                .supporting("answers").build();
        assertSame(first, r.cache("answers-manifest", String.class), "the same cache, looked up by name");
        assertSame(first, r.<String, String>cacheBuilder("answers-manifest").valueType(String.class)
                .supporting("other").build());
        assertEquals("answers", op(r.monitor().snapshot(), "answers-manifest").supports());
    }

    private static String slowly(String value) {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }
}
