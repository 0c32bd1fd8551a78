package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * A Redis client that cannot be made in the background (here: a malformed URL, parsed on the client's start thread) is
 * reported once, by the tier; the invalidation bus, made from the same configuration after the tier's start, is then
 * not attempted, so it does not report the same failure a second time.
 */
class BackgroundStartTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void aClientThatCannotBeMade_failsTheTiersStart_andNoBusIsAttempted() throws Exception {
        RedisTierConfig config = RedisTierConfig.unchecked("redis-sentinel://:hunter2@");
        RedisTier tier = RedisTier.connectInBackground(config);
        try {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> tier.started().get(30, TimeUnit.SECONDS));
            assertTrue(String.valueOf(failed.getCause()).contains("redis url is malformed"), failed.toString());
            assertFalse(tier.ready());

            BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
            BackgroundInvalidationBus bus = BackgroundInvalidationBus.start(config, "bg:invalidations",
                    Recorder.into(heard), new BusHealth(Duration.ofSeconds(5)), tier.started());
            bus.made().get(30, TimeUnit.SECONDS);
            assertNull(bus.bus(), "no bus made");
            bus.publish(Invalidation.Kind.OPERATION, "op");
            assertEquals(1, bus.unsent());
            bus.close();
            assertEquals(List.of(), List.copyOf(heard), "nothing was received, nor reported lost");

            logs.assertOnce(Level.ERROR, "cannot start the Redis client of redis-sentinel://");
            assertEquals(List.of(), logs.find(Level.ERROR, "invalidation bus"), logs.describe());
            assertFalse(logs.describe().contains("hunter2"), logs.describe());
        } finally {
            tier.close();
        }
    }
}
