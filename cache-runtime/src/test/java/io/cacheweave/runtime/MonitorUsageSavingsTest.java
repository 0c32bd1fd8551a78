package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorJson;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.MonitorSnapshot.UsageSaved;
import io.cacheweave.runtime.stats.UsageSavings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ScriptedMonitor;
import io.cacheweave.runtime.testing.Snapshots;
import io.cacheweave.runtime.testing.TestLogs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Work saved at the source (a chat cache's tokens and cost), contributed to the monitor's snapshot by a face. */
class MonitorUsageSavingsTest {

    private static CacheRuntime runtime() {
        return CacheRuntime.builder().settings(Settings.builder().monitor(m -> m.jmx(false)).build()).build();
    }

    private static Map<String, Long> map(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void snapshot_rowsOfTheRegisteredSources_readAtEverySnapshot_summedPerCacheAndSource() {
        AtomicLong tokens = new AtomicLong(10);
        UsageSavings first = () -> List.of(new UsageSaved("chat", "gpt-4o", map("exact", 2, "semantic", 1), 3,
                map("input tokens", tokens.get(), "output tokens", 20), 0.5));
        UsageSavings second = () -> List.of(new UsageSaved("chat", "gpt-4o", map("exact", 1), 1,
                map("input tokens", 5), null), new UsageSaved("chat", "mini", map("exact", 4), 0, map(), null));
        try (CacheRuntime runtime = runtime()) {
            assertEquals(List.of(), runtime.monitor().snapshot().usageSaved(), "none without a source");
            runtime.monitor().addUsageSavings(first);
            runtime.monitor().addUsageSavings(second);
            tokens.set(12);
            List<UsageSaved> rows = runtime.monitor().snapshot().usageSaved();
            assertEquals(List.of(new UsageSaved("chat", "gpt-4o", map("exact", 3, "semantic", 1), 4,
                    map("input tokens", 17, "output tokens", 20), 0.5),
                    new UsageSaved("chat", "mini", map("exact", 4), 0, map(), null)), rows);
            assertEquals(4, rows.get(0).totalHits());

            String json = runtime.monitor().snapshotJson();
            assertTrue(json.contains("\"usageSaved\":[{\"operation\":\"chat\",\"source\":\"gpt-4o\",\"hits\":"
                    + "{\"exact\":3,\"semantic\":1},\"misses\":4,\"units\":{\"input tokens\":17,\"output tokens\":20},"
                    + "\"cost\":0.5}"), json);
            assertEquals(rows, MonitorJson.read(json).usageSaved());

            runtime.monitor().removeUsageSavings(second);
            assertEquals(List.of(new UsageSaved("chat", "gpt-4o", map("exact", 2, "semantic", 1), 3,
                    map("input tokens", 12, "output tokens", 20), 0.5)), runtime.monitor().snapshot().usageSaved());
        }
    }

    @Test
    void snapshot_aSourceThatFails_leftOutAndLoggedOnce() {
        UsageSavings broken = () -> {
            throw new IllegalStateException("counters gone");
        };
        UsageSavings fine = () -> List.of(new UsageSaved("chat", "m", map("exact", 1), 0, map(), null));
        try (CacheRuntime runtime = runtime(); LogCapture logs = new LogCapture().start()) {
            runtime.monitor().addUsageSavings(broken);
            runtime.monitor().addUsageSavings(fine);
            assertEquals(1, runtime.monitor().snapshot().usageSaved().size(), "the other source's row is there");
            assertEquals(1, runtime.monitor().snapshot().usageSaved().size());
            TestLogs.Event warning = logs.assertOnce(Level.WARN, "its rows are left out of the snapshot (logged once)");
            assertEquals("counters gone", warning.thrown().getMessage());
        }
    }

    @Test
    void json_writtenBeforeUsageSavedExisted_readsAsNone() {
        MonitorSnapshot sample = Snapshots.sample(0);
        String json = MonitorJson.write(sample).replace(",\"usageSaved\":[]", "");
        assertTrue(!json.contains("usageSaved"), json);
        assertEquals(sample, MonitorJson.read(json));
        UsageSaved nulls = new UsageSaved("c", "s", null, 0, null, null);
        assertEquals(Map.of(), nulls.hits());
        assertNull(nulls.cost());
    }

    @Test
    void addUsageSavings_aMonitorThatTakesNone_saysSo() {
        ScriptedMonitor scripted = ScriptedMonitor.of(Snapshots.sample(0));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> scripted.addUsageSavings(List::of));
        assertTrue(e.getMessage().endsWith("ScriptedMonitor takes no usage savings"), e.getMessage());
    }
}
