package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.tier.Recorder.Lost;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiving half of the bus, fed by hand: ordering, own messages, renewed and late subscriptions. */
class InvalidationReceiverTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final ManualClock clock = new ManualClock();
    private final BusHealth health = new BusHealth(clock, Duration.ofMillis(200));
    private final InvalidationReceiver receiver = new InvalidationReceiver("ch", "me",
            Recorder.into(events), health);

    @AfterEach
    void close() {
        receiver.close();
    }

    private Object next() throws InterruptedException {
        return events.poll(5, TimeUnit.SECONDS);
    }

    private void subscribedInTime() {
        receiver.subscribed();
        assertTrue(receiver.awaitFirstSubscription(TimeUnit.SECONDS.toNanos(5)));
        receiver.startupOver();
    }

    @Test
    void messages_deliveredInOrder_ownDropped() throws InterruptedException {
        subscribedInTime();
        receiver.message("cw1 other 1 PATTERN a:*");
        receiver.message("cw1 me 1 ALL ");
        receiver.message("cw1 other 2 OPERATION b");
        assertEquals(new Invalidation("other", 1, Invalidation.Kind.PATTERN, "a:*"), next());
        assertEquals(new Invalidation("other", 2, Invalidation.Kind.OPERATION, "b"), next());
        assertNull(events.poll(50, TimeUnit.MILLISECONDS));
        assertEquals(2, receiver.received());
        assertEquals(0, receiver.lost());
    }

    @Test
    void renewedSubscription_reportsLossOnce_andForgetsSequences() throws InterruptedException {
        subscribedInTime();
        receiver.message("cw1 other 1 ALL ");
        assertInstanceOf(Invalidation.class, next());
        receiver.subscribed(); // Lettuce subscribed again after a reconnection
        Object lost = next();
        assertInstanceOf(Lost.class, lost);
        assertTrue(((Lost) lost).reason().contains("renewed after a lost connection"));
        receiver.message("cw1 other 5 ALL "); // the gap belongs to the loss already reported
        assertEquals(new Invalidation("other", 5, Invalidation.Kind.ALL, ""), next());
        assertEquals(1, receiver.lost());
    }

    @Test
    void firstSubscriptionAfterStartUp_reportsLoss() throws InterruptedException {
        assertFalse(receiver.awaitFirstSubscription(TimeUnit.MILLISECONDS.toNanos(10)));
        receiver.startupOver();
        receiver.subscribed();
        Object lost = next();
        assertInstanceOf(Lost.class, lost);
        assertTrue(((Lost) lost).reason().contains("only after start-up"));
        assertTrue(receiver.everSubscribed());
    }

    @Test
    void firstSubscriptionInTime_noLoss() throws InterruptedException {
        subscribedInTime();
        assertNull(events.poll(50, TimeUnit.MILLISECONDS));
        assertEquals(0, receiver.lost());
    }

    @Test
    void listenerFailure_laterMessagesStillDelivered() throws InterruptedException {
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        try (InvalidationReceiver r = new InvalidationReceiver("ch", "me", new InvalidationBus.Listener() {
            @Override
            public void onInvalidation(Invalidation invalidation) {
                seen.add(invalidation);
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onMessagesLost(String reason) {
                throw new IllegalStateException("listener bug");
            }
        }, new BusHealth(Duration.ofMillis(200)))) {
            r.message("cw1 other 1 ALL ");
            r.message("cw1 other 3 ALL ");
            r.message("nonsense");
            r.message("cw1 other 4 ALL ");
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(Invalidation.class, seen.poll(5, TimeUnit.SECONDS));
            }
            assertEquals(1, r.lost());
            assertEquals(1, r.malformed());
            logs.assertOnce(Level.WARN, "ignoring a message on ch (0 similar ignored since the last report): not a "
                    + "cw1 invalidation message: nonsense");
            logs.assertOnce(Level.WARN, "invalidation bus missed 1 invalidation from node other (sequence 3 after 1)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (logs.find(Level.WARN, "invalidation listener failed on").size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10); // the listener throws after it saw the last message
            }
            assertEquals(4, logs.find(Level.WARN, "invalidation listener failed on").size(), logs::describe);
        }
    }

    @Test
    void closed_deliversNothing() throws InterruptedException {
        receiver.close();
        receiver.message("cw1 other 1 ALL ");
        receiver.subscribed();
        assertNull(events.poll(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void heartbeat_beforeSubscription_doesNotServeMemoryTier() throws InterruptedException {
        receiver.heartbeatAnswered(health.connection(), clock.nanos());
        awaitDelivered();
        assertFalse(health.servesMemoryTier());
    }

    @Test
    void heartbeat_afterSubscription_servesMemoryTierForTheBoundAfterItWasSent() throws InterruptedException {
        receiver.subscribed();
        long sentAt = clock.nanos();
        clock.advance(Duration.ofMillis(50));
        receiver.heartbeatAnswered(health.connection(), sentAt);
        awaitDelivered();
        assertTrue(health.servesMemoryTier());
        clock.advance(Duration.ofMillis(149));
        assertTrue(health.servesMemoryTier());
        clock.advance(Duration.ofMillis(1));
        assertFalse(health.servesMemoryTier(), "200 ms after the heartbeat was sent");
    }

    @Test
    void connectionLost_stopsServingAtOnce_andItsLateHeartbeatDoesNotCount() throws InterruptedException {
        receiver.subscribed();
        long connection = health.connection();
        receiver.heartbeatAnswered(connection, clock.nanos());
        awaitDelivered();
        assertTrue(health.servesMemoryTier());

        receiver.connectionLost();
        assertFalse(health.servesMemoryTier());
        receiver.heartbeatAnswered(connection, clock.nanos()); // sent on the lost connection
        awaitDelivered();
        assertFalse(health.servesMemoryTier());
        assertEquals(1, health.losses());
    }

    @Test
    void renewedSubscription_clearsFirst_thenHeartbeatsCountAgain() throws InterruptedException {
        receiver.subscribed();
        receiver.connectionLost();
        receiver.heartbeatAnswered(health.connection(), clock.nanos()); // reconnected, not yet subscribed
        awaitDelivered();
        assertFalse(health.servesMemoryTier());

        receiver.subscribed();
        receiver.heartbeatAnswered(health.connection(), clock.nanos());
        awaitDelivered();
        assertTrue(health.servesMemoryTier());
        assertInstanceOf(Recorder.Lost.class, events.poll(5, TimeUnit.SECONDS), "memory tier cleared first");
    }

    /** Waits until the delivery thread has run everything queued before. */
    private void awaitDelivered() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        receiver.whenDelivered(done::countDown);
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }
}
