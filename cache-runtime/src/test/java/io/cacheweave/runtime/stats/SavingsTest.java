package io.cacheweave.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What caching saved: calls answered from the cache, valued at the operation's mean load time. */
class SavingsTest {
    private final AtomicLong clock = new AtomicLong();
    private final Recording recording = new Recording(true, clock::get, Duration.ofSeconds(10), 6, 500, 5000, 10);

    @Test
    void of_hitsTimesTheMeanLoadTimeOverTheWindow() {
        OperationCounters c = new OperationCounters("summarize", recording);
        c.loaded(100_000_000);
        c.loaded(300_000_000);
        for (int i = 0; i < 5; i++) {
            c.hit();
        }
        double mean = Savings.meanLoadNanos(c, clock.get());
        assertEquals(200_000_000.0, mean);
        assertEquals(new MonitorSnapshot.Saved(5, 200_000_000.0, 1_000_000_000L), Savings.of(c.snapshot(), mean));
    }

    @Test
    void meanLoadNanos_onlyTheLoadsInTheWindow() {
        OperationCounters c = new OperationCounters("summarize", recording);
        c.loaded(100_000_000);
        clock.addAndGet(Duration.ofSeconds(50).toNanos());
        c.loaded(400_000_000);
        clock.addAndGet(Duration.ofSeconds(20).toNanos());
        assertEquals(400_000_000.0, Savings.meanLoadNanos(c, clock.get()), "the first load left the 1-minute window");
    }

    @Test
    void meanLoadNanos_sinceTheStart_whenNoLoadFinishedInTheWindow() {
        OperationCounters c = new OperationCounters("summarize", recording);
        c.loaded(100_000_000);
        c.loadFailed(200_000_000);
        clock.addAndGet(Duration.ofMinutes(5).toNanos());
        assertEquals(150_000_000.0, Savings.meanLoadNanos(c, clock.get()));
        OperationCounters plain = new OperationCounters("plain");
        plain.loaded(50);
        assertEquals(50.0, Savings.meanLoadNanos(plain, clock.get()), "with the monitor off");
    }

    @Test
    void of_withoutATimedLoad_savesCallsButNoTime() {
        OperationCounters c = new OperationCounters("programmatic", recording);
        c.hit();
        c.hit();
        assertEquals(new MonitorSnapshot.Saved(2, 0, 0), Savings.of(c.snapshot(), Savings.meanLoadNanos(c, 0)));
    }

    @Test
    void total_sumsCallsAndTime_meanWeightedByCalls() {
        MonitorSnapshot.Saved total = Savings.total(List.of(op(new MonitorSnapshot.Saved(3, 100, 300)),
                op(new MonitorSnapshot.Saved(1, 500, 500)), op(null)));
        assertEquals(new MonitorSnapshot.Saved(4, 200, 800), total);
        assertEquals(MonitorSnapshot.Saved.NONE.calls(), Savings.total(List.of()).calls());
    }

    @Test
    void memoryFill_total_keepsAByteBoundOnlyWhenEveryTierHasOne() {
        MonitorSnapshot.MemoryFill a = new MonitorSnapshot.MemoryFill(10, 100, 1_000, 4_000L);
        MonitorSnapshot.MemoryFill b = new MonitorSnapshot.MemoryFill(5, 50, 500, 2_000L);
        assertEquals(new MonitorSnapshot.MemoryFill(15, 150, 1_500, 6_000L), MonitorSnapshot.MemoryFill.total(
                List.of(a, b)));
        assertEquals(null, MonitorSnapshot.MemoryFill.total(List.of(a, MonitorSnapshot.MemoryFill.NONE)).maxBytes());
        assertEquals(MonitorSnapshot.MemoryFill.NONE, MonitorSnapshot.MemoryFill.total(List.of()));
    }

    private static MonitorSnapshot.Operation op(MonitorSnapshot.Saved saved) {
        return new MonitorSnapshot.Operation("op", null, List.of(), null, List.of(), null, 0, null, saved, null);
    }
}
