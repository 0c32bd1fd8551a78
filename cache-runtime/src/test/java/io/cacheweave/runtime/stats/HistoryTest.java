package io.cacheweave.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History samples: an interval without calls is no data, not a zero. */
class HistoryTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final MonitorSnapshot.MemoryFill FILL = new MonitorSnapshot.MemoryFill(3, 100, 900, null);

    @Test
    void sample_idleInterval_hasNoRatioNoSavingNoLatency() {
        History history = new History(Duration.ofHours(1));
        history.sample(T0, stats(4, 1), new MonitorSnapshot.Latency(2, 10, 20, 30, 40), 1_000, FILL);
        history.sample(T0.plusSeconds(10), stats(4, 1), MonitorSnapshot.Latency.NONE, 1_000, FILL);
        history.sample(T0.plusSeconds(20), stats(4, 3), MonitorSnapshot.Latency.NONE, 1_000, FILL);
        List<MonitorSnapshot.HistoryPoint> points = history.points(T0.plusSeconds(20));

        MonitorSnapshot.HistoryPoint busy = points.get(0);
        assertEquals(0.8, busy.hitRatio(), 1e-12);
        assertEquals(4_000L, busy.savedNanos(), "4 hits at 1 us each");
        assertEquals(10L, busy.p50());
        assertEquals(3, busy.memoryEntries());
        assertEquals(900, busy.memoryBytes());

        MonitorSnapshot.HistoryPoint idle = points.get(1);
        assertEquals(0, idle.hits() + idle.misses());
        assertNull(idle.hitRatio(), "no calls: no data");
        assertNull(idle.savedNanos());
        assertNull(idle.p50());
        assertNull(idle.p99());

        MonitorSnapshot.HistoryPoint missesOnly = points.get(2);
        assertEquals(0.0, missesOnly.hitRatio(), "calls that all missed are a true 0%");
        assertEquals(0L, missesOnly.savedNanos());
    }

    @Test
    void json_writesNoDataAsNull() {
        History history = new History(Duration.ofHours(1));
        history.sample(T0, stats(0, 0), MonitorSnapshot.Latency.NONE, 1_000, FILL);
        MonitorSnapshot s = new MonitorSnapshot(T0, Duration.ofHours(1), List.of(), List.of(), null, List.of(), 0,
                List.of(), List.of(), history.points(T0), MonitorSnapshot.Saved.NONE, FILL);
        String json = MonitorJson.write(s);
        assertTrue(json.contains("\"hitRatio\":null,\"p50\":null,\"p99\":null,\"savedNanos\":null"), json);
        assertEquals(s, MonitorJson.read(json));
    }

    private static OperationStats stats(long hits, long misses) {
        return new OperationStats("op", hits, misses, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
