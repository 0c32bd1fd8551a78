package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reconnection pauses: fast at first, then doubling to the bound; every positive bound {@link RedisTierConfig} accepts. */
class RedisConnectorTest {

    @Test
    void reconnectDelay_isShortForTheFirstAttempts_thenDoublesUpToTheBound() {
        var delay = RedisConnector.reconnectDelay(Duration.ofSeconds(2));
        long fast = RedisConnector.ReconnectPauses.FAST_ATTEMPTS;
        assertEquals(Duration.ofMillis(20), delay.createDelay(1));
        assertEquals(Duration.ofMillis(20), delay.createDelay(fast), "a restart is seen within 20 ms at first");
        assertEquals(Duration.ofMillis(40), delay.createDelay(fast + 1));
        assertEquals(Duration.ofMillis(80), delay.createDelay(fast + 2));
        assertEquals(Duration.ofMillis(1280), delay.createDelay(fast + 6));
        assertEquals(Duration.ofSeconds(2), delay.createDelay(fast + 7));
        assertEquals(Duration.ofSeconds(2), delay.createDelay(Long.MAX_VALUE), "a long outage: one attempt per bound");
    }

    @Test
    void reconnectDelay_belowTheFastPause_isTheBoundThroughout() {
        var delay = RedisConnector.reconnectDelay(Duration.ofMillis(5));
        assertEquals(Duration.ofMillis(5), delay.createDelay(1));
        assertEquals(Duration.ofMillis(5), delay.createDelay(RedisConnector.ReconnectPauses.FAST_ATTEMPTS + 10));
    }

    @Test
    void reconnectDelay_ofOneMillisecondOrLess_isAccepted() {
        for (Duration max : new Duration[] {Duration.ofMillis(1), Duration.ofNanos(1)}) {
            var delay = RedisConnector.reconnectDelay(max); // Lettuce threw "Upper boundary must be greater ..."
            assertTrue(delay.createDelay(10).compareTo(Duration.ofMillis(1)) <= 0, max.toString());
        }
    }
}
