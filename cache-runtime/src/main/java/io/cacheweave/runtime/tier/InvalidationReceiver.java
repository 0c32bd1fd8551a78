package io.cacheweave.runtime.tier;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * The receiving half of {@link RedisInvalidationBus}: decodes the channel's messages, drops this node's own, checks
 * each sender's sequence, notices renewed subscriptions, and calls the listener, all on one thread of its own
 * ("cacheweave-invalidation-bus") in arrival order, so a slow listener never holds up a Redis connection.
 *
 * <p>Subscription confirmations tell about connection loss: Lettuce subscribes again after every reconnection, so
 * every confirmation after the first means messages may have been missed. The first one means the same when it only
 * came after start-up gave up waiting ({@link #startupOver()}), because Redis was unreachable then.
 */
final class InvalidationReceiver implements AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(InvalidationReceiver.class);
    private static final int MAX_SENDERS = 4096;
    private static final int WAITING = 0;
    private static final int IN_TIME = 1;
    private static final int LATE = 2;

    private final String channel;
    private final String nodeId;
    private final InvalidationBus.Listener listener;
    private final BusHealth health;
    private final ExecutorService delivery;
    private final LogLimiter malformedLog = new LogLimiter(TimeUnit.SECONDS.toNanos(10));
    private final AtomicInteger startup = new AtomicInteger(WAITING);
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private final LongAdder received = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private volatile boolean closed;

    /** Only the delivery thread touches these two. */
    private final SequenceTracker senders = new SequenceTracker(MAX_SENDERS);
    private int subscriptions;

    InvalidationReceiver(String channel, String nodeId, InvalidationBus.Listener listener, BusHealth health) {
        this.channel = channel;
        this.nodeId = nodeId;
        this.listener = listener;
        this.health = health;
        this.delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cacheweave-invalidation-bus");
            t.setDaemon(true);
            return t;
        });
    }

    /** A message arrived on the channel (any thread). */
    void message(String text) {
        deliver(() -> onMessage(text));
    }

    /** The channel's subscription was confirmed (on the connection's thread, in the order of its replies). */
    void subscribed() {
        long connection = health.connection();
        deliver(() -> {
            onSubscribed(); // clears the memory tier first when messages may have been missed
            health.subscribed(connection);
        });
    }

    /**
     * A heartbeat sent at {@code sentAt} on {@code connection} was answered (on the connection's thread, so every
     * message that arrived before the answer is queued before this): it counts once those messages were applied.
     */
    void heartbeatAnswered(long connection, long sentAt) {
        deliver(() -> health.heartbeat(connection, sentAt));
    }

    /** Runs {@code task} on the delivery thread after everything queued before it (for tests). */
    void whenDelivered(Runnable task) {
        deliver(task);
    }

    /** The subscription connection is lost (any thread): the memory tier stops being served at once. */
    void connectionLost() {
        health.lost();
    }

    /** @return whether the first subscription was confirmed within {@code nanos} */
    boolean awaitFirstSubscription(long nanos) {
        try {
            return firstSubscription.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Start-up stops waiting: a first subscription confirmed from now on is reported as a loss. */
    void startupOver() {
        startup.compareAndSet(WAITING, LATE);
    }

    /** @return whether a subscription was ever confirmed */
    boolean everSubscribed() {
        return firstSubscription.getCount() == 0;
    }

    long received() {
        return received.sum();
    }

    long lost() {
        return lost.sum();
    }

    long malformed() {
        return malformed.sum();
    }

    private void deliver(Runnable task) {
        if (closed) {
            return;
        }
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void onSubscribed() {
        subscriptions++;
        String reason = null;
        if (subscriptions == 1) {
            // decided before the latch opens, so start-up cannot call it late once it has seen the latch open
            if (!startup.compareAndSet(WAITING, IN_TIME)) {
                reason = "subscribed to " + channel + " only after start-up (redis was unreachable); invalidations "
                        + "sent before were not received";
            }
            firstSubscription.countDown();
        } else {
            reason = "subscription to " + channel + " renewed after a lost connection; invalidations sent meanwhile "
                    + "were not received";
        }
        if (reason != null) {
            senders.reset(); // the loss is reported here, not once more per sender with its next message
            messagesLost(reason, false);
        }
    }

    private void onMessage(String text) {
        Invalidation invalidation;
        try {
            invalidation = InvalidationMessage.decode(text);
        } catch (IllegalArgumentException e) {
            malformed.increment();
            long suppressed = malformedLog.tryAcquire();
            if (suppressed >= 0) {
                LOG.warn("cacheweave: ignoring a message on {} ({} similar ignored since the last report): {}",
                        channel, suppressed, e.getMessage());
            }
            return;
        }
        if (invalidation.nodeId().equals(nodeId) || closed) {
            return;
        }
        received.increment();
        String gap = senders.accept(invalidation.nodeId(), invalidation.sequence());
        if (gap != null) {
            messagesLost(gap, true);
        }
        try {
            listener.onInvalidation(invalidation);
        } catch (RuntimeException e) {
            LOG.warn("cacheweave: invalidation listener failed on {}", invalidation, e);
        }
    }

    private void messagesLost(String reason, boolean warn) {
        if (closed) {
            return;
        }
        lost.increment();
        if (warn) {
            LOG.warn("cacheweave: invalidation bus {}", reason);
        } else {
            LOG.info("cacheweave: invalidation bus {}", reason);
        }
        try {
            listener.onMessagesLost(reason);
        } catch (RuntimeException e) {
            LOG.warn("cacheweave: invalidation listener failed on lost messages", e);
        }
    }

    /** Stops delivering; messages still queued are dropped. */
    @Override
    public void close() {
        closed = true;
        delivery.shutdownNow();
    }
}
