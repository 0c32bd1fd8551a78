package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.tier.Recorder.Lost;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiving half of the bus, fed by hand: ordering, own messages, renewed and late subscriptions. */
class InvalidationReceiverTest {
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final InvalidationReceiver receiver = new InvalidationReceiver("ch", "me",
            Recorder.into(events));

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
        })) {
            r.message("cw1 other 1 ALL ");
            r.message("cw1 other 3 ALL ");
            r.message("nonsense");
            r.message("cw1 other 4 ALL ");
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(Invalidation.class, seen.poll(5, TimeUnit.SECONDS));
            }
            assertEquals(1, r.lost());
            assertEquals(1, r.malformed());
        }
    }

    @Test
    void closed_deliversNothing() throws InterruptedException {
        receiver.close();
        receiver.message("cw1 other 1 ALL ");
        receiver.subscribed();
        assertNull(events.poll(50, TimeUnit.MILLISECONDS));
    }
}
