package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reconnection pauses: every positive bound that {@link RedisTierConfig} accepts makes a client. */
class RedisConnectorTest {

    @Test
    void reconnectDelay_doublesUpToTheBound() {
        var delay = RedisConnector.reconnectDelay(Duration.ofSeconds(2));
        assertEquals(Duration.ofMillis(1), delay.createDelay(1));
        assertEquals(Duration.ofMillis(4), delay.createDelay(3));
        assertEquals(Duration.ofSeconds(2), delay.createDelay(40));
    }

    @Test
    void reconnectDelay_ofOneMillisecondOrLess_isAccepted() {
        for (Duration max : new Duration[] {Duration.ofMillis(1), Duration.ofNanos(1)}) {
            var delay = RedisConnector.reconnectDelay(max); // Lettuce threw "Upper boundary must be greater ..."
            assertTrue(delay.createDelay(10).compareTo(Duration.ofMillis(1)) <= 0, max.toString());
        }
    }
}
