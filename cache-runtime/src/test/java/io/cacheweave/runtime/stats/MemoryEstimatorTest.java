package io.cacheweave.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryEstimatorTest {
    record Point(int x, int y) {
    }

    record Named(String name, Point point) {
    }

    @Test
    void deepSize_stringsAndRecords() {
        assertEquals(24 + 16 + 8, MemoryEstimator.deepSize("12345678"), "header object plus Latin-1 bytes");
        assertEquals(24 + 16 + 16, MemoryEstimator.deepSize("\u20ac".repeat(8)), "two bytes per char");
        assertEquals(24, MemoryEstimator.deepSize(new Point(1, 2)), "12 + 4 + 4, aligned");
        assertEquals(24 + 48 + 24, MemoryEstimator.deepSize(new Named("12345678", new Point(1, 2))));
        assertEquals(0, MemoryEstimator.deepSize((Object) null));
    }

    @Test
    void deepSize_sharedObjectsCountedOnce() {
        String s = "12345678";
        assertEquals(48, MemoryEstimator.deepSize(s, s));
        assertEquals(16 + 2 * 4 + 48, MemoryEstimator.deepSize((Object) new String[] {s, s}));
    }

    @Test
    void estimate_meanOfTheSampleTimesTheEntries_plusOverhead() {
        Map<String, String> entries = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            entries.put("k" + i, "12345678");
        }
        long perEntry = MemoryEstimator.deepSize("k0") + 48 + MemoryEstimator.ENTRY_OVERHEAD;
        assertEquals(1000 * perEntry, MemoryEstimator.estimate(entries, 1000));
        assertEquals(0, MemoryEstimator.estimate(entries, 0));
    }

    @Test
    void deepSize_collectionsAndBoundedGraphs() {
        long list = MemoryEstimator.deepSize(List.of("a", "b"));
        assertTrue(list >= 2 * (24 + 16 + 8), "the elements at least: " + list);
        Object[] cycle = new Object[1];
        cycle[0] = cycle;
        assertEquals(16 + 8, MemoryEstimator.deepSize((Object) cycle), "a cycle ends");
    }
}
