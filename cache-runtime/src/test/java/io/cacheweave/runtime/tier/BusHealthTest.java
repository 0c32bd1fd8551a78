package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The bound of {@link BusHealth} when the coarse clock lags behind real time, as it does when its thread is not
 * scheduled on a busy machine (45 ms measured on this project's 2-core VM with four busy loops): the hit path's
 * clock ({@code coarse}) and real time ({@code precise}) as two manual clocks.
 */
class BusHealthTest {
    private final ManualClock coarse = new ManualClock();
    private final ManualClock precise = new ManualClock();
    private final BusHealth health = new BusHealth(coarse, precise::nanos, Duration.ofMillis(200));

    private void proved() {
        long connection = health.connection();
        health.subscribed(connection);
        health.heartbeat(connection, coarse.nanos());
    }

    private void advanceBoth(long millis) {
        coarse.advance(Duration.ofMillis(millis));
        precise.advance(Duration.ofMillis(millis));
    }

    @Test
    void servesUntilMaxStalenessAfterTheLastProof_byRealTime_whenTheCoarseClockLags() {
        assertFalse(health.servesMemoryTier(), "nothing proved yet");
        proved();
        advanceBoth(150);
        assertTrue(health.servesMemoryTier());
        precise.advance(Duration.ofMillis(60)); // the coarse clock's thread was not scheduled for 60 ms
        assertFalse(health.servesMemoryTier(), "210 ms after the proof in real time; the coarse clock says 150");
        coarse.advance(Duration.ofMillis(60));
        assertFalse(health.servesMemoryTier());
    }

    @Test
    void farFromTheBound_theCoarseClockAlone_decides() {
        proved();
        advanceBoth(50);
        precise.advance(Duration.ofMillis(40)); // a lag under half of max staleness is covered
        assertTrue(health.servesMemoryTier(), "90 ms after the proof");
        coarse.advance(Duration.ofMillis(70)); // 120 ms: within half of max staleness of the bound
        precise.advance(Duration.ofMillis(109));
        assertTrue(health.servesMemoryTier(), "199 ms after the proof, read precisely near the bound");
        precise.advance(Duration.ofMillis(1));
        assertFalse(health.servesMemoryTier(), "200 ms after the proof");
    }

    @Test
    void aLostConnection_stopsServingAtOnce() {
        proved();
        advanceBoth(10);
        health.lost();
        assertFalse(health.servesMemoryTier());
    }
}
