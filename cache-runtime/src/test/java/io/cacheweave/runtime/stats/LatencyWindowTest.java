package io.cacheweave.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {
    private static final long SECOND = 1_000_000_000L;

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected / 16, "expected " + expected + " within 1/16, was "
                + actual);
    }

    @Test
    void latency_percentilesOfKnownInputs() {
        LatencyWindow w = new LatencyWindow(10 * SECOND, 6);
        for (long micros = 1; micros <= 1000; micros++) {
            w.record(micros * 1000, 5 * SECOND);
        }
        MonitorSnapshot.Latency l = w.latency(5 * SECOND);
        assertEquals(1000, l.count());
        assertNear(500_000, l.p50());
        assertNear(950_000, l.p95());
        assertNear(990_000, l.p99());
        assertEquals(1_000_000, l.max(), "the maximum is exact");
    }

    @Test
    void latency_smallValuesAreExact() {
        LatencyWindow w = new LatencyWindow(SECOND, 1);
        for (int i = 0; i < 8; i++) {
            w.record(i, 0);
        }
        MonitorSnapshot.Latency l = w.latency(0);
        assertEquals(new MonitorSnapshot.Latency(8, 3, 7, 7, 7), l);
    }

    @Test
    void latency_percentileNeverAboveTheMaximum() {
        LatencyWindow w = new LatencyWindow(SECOND, 1);
        w.record(1_000_001, 0);
        MonitorSnapshot.Latency l = w.latency(0);
        assertEquals(1_000_001, l.p50());
        assertEquals(1_000_001, l.max());
    }

    @Test
    void latency_slidesOutOldSlots() {
        LatencyWindow w = new LatencyWindow(10 * SECOND, 6);
        w.record(100, 0);
        w.record(200, 15 * SECOND);
        assertEquals(2, w.latency(55 * SECOND).count());
        assertEquals(1, w.latency(60 * SECOND).count(), "the slot of t=0 left the 60 s window");
        assertEquals(200, w.latency(60 * SECOND).max());
        assertEquals(MonitorSnapshot.Latency.NONE, w.latency(80 * SECOND));
    }

    @Test
    void record_reusesASlotAfterAFullTurn() {
        LatencyWindow w = new LatencyWindow(SECOND, 2);
        w.record(100, 0);
        w.record(300, 2 * SECOND); // same slot as t=0, one turn later: cleared first
        MonitorSnapshot.Latency l = w.latency(2 * SECOND);
        assertEquals(1, l.count());
        assertEquals(300, l.max());
    }

    @Test
    void previousSlot_isTheLastCompleteInterval() {
        LatencyWindow w = new LatencyWindow(10 * SECOND, 6);
        w.record(1000, 5 * SECOND);
        w.record(3000, 12 * SECOND);
        assertEquals(1, w.previousSlot(10 * SECOND).count());
        assertEquals(1000, w.previousSlot(10 * SECOND).max());
        assertEquals(3000, w.previousSlot(20 * SECOND).max());
    }

    @Test
    void mean_ofTheWindow() {
        LatencyWindow w = new LatencyWindow(SECOND, 4);
        w.record(10, 0);
        w.record(30, SECOND);
        assertEquals(20.0, w.mean(SECOND));
        assertEquals(30.0, w.mean(4 * SECOND));
        assertEquals(0.0, w.mean(10 * SECOND));
    }

    @Test
    void bucket_middleLiesInTheBucket() {
        for (long v : new long[] {0, 7, 8, 15, 16, 17, 1000, 123_456_789L, 1L << 36}) {
            int b = LatencyWindow.bucket(v);
            long mid = LatencyWindow.middle(b);
            assertEquals(b, LatencyWindow.bucket(mid), "value " + v);
        }
        assertEquals(LatencyWindow.BUCKETS - 1, LatencyWindow.bucket(Long.MAX_VALUE));
    }

    @Test
    void constructor_rejectsBadShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LatencyWindow(0, 1));
        assertEquals("slot length must be positive: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LatencyWindow(1, 0));
        assertEquals("slots must be at least 1: 0", e.getMessage());
    }
}
