package io.cacheweave.runtime.tier;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * An {@link InvalidationBus} on a Redis pub/sub channel (standalone, Sentinel, or Cluster, where {@code PUBLISH}
 * reaches the subscribers of every node).
 *
 * <p>Messages are text, one per invalidation: {@code cw1 <nodeId> <sequence> <kind> <target>} (fields separated by
 * one space: the tag {@code cw1}; the sender's node id, printable ASCII without spaces; the sequence number in
 * decimal; the kind, {@code PATTERN}, {@code OPERATION}, {@code ALL}, {@code GENERATION} or {@code TAG} (these two
 * carry {@code <generation> <operation or tag>}, the generation the shared tier's counter now holds); and the
 * target, which is the rest of the
 * message verbatim, so it may contain any character, and is empty for {@code ALL}), sent as UTF-8. Example:
 * {@code cw1 3f2a9c0e-... 42 PATTERN summarize:*}. Each bus numbers its messages 1, 2, 3, ...; a number is used up
 * even when sending fails, so the receivers notice the loss.
 *
 * <p>Receiving: messages from this node are ignored. Per sender the bus remembers the last number; a gap or a number
 * out of order calls {@link Listener#onMessagesLost(String)} (then the message itself is still delivered); a sender
 * heard for the first time starts where it is. When the subscription connection is lost, Lettuce reconnects and
 * subscribes again; that renewed subscription calls {@code onMessagesLost} (messages sent while it was down are
 * gone), as does a first subscription that only succeeded after {@link #connect} returned (Redis was unreachable at
 * start-up).
 *
 * <p>Health ({@link BusHealth}): every quarter of {@code maxStaleness} the bus sends {@code PING} on its
 * subscription connection. Redis answers it after every message it published to that connection before, so once
 * the answer is handled (on the delivery thread, after those messages), every invalidation published before the
 * {@code PING} was sent has been applied: the health then allows memory-tier hits until {@code maxStaleness} after
 * the send. A lost connection withdraws them at once; a renewed subscription counts only once the listener was told
 * ({@code onMessagesLost}). On Redis Cluster a message reaches the subscribed node over the cluster bus, whose delay
 * the heartbeat does not cover.
 *
 * <p>Threads: the listener is called on one thread of this bus, "cacheweave-invalidation-bus", in the order the
 * messages arrived; a slow listener delays later messages but never the Redis connection. {@link #publish} waits for
 * Redis to answer (at most the command timeout) and never throws.
 */
public final class RedisInvalidationBus implements InvalidationBus {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(RedisInvalidationBus.class);

    private final String channel;
    private final String nodeId;
    private final RedisConnector connector;
    private final LazyConnection<StatefulConnection<String, String>> publisher;
    private final LazyConnection<StatefulRedisPubSubConnection<String, String>> subscriber;
    private final InvalidationReceiver receiver;
    private final BusHealth health;
    private final long publishWaitNanos;
    private volatile java.util.concurrent.ScheduledFuture<?> heartbeats;
    private final LogLimiter publishLog = new LogLimiter(TimeUnit.SECONDS.toNanos(10));
    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();

    private final Object publishLock = new Object();
    private long sequence; // guarded by publishLock
    private volatile boolean closed;

    private RedisInvalidationBus(RedisTierConfig config, String channel, String nodeId, Listener listener,
            BusHealth health) {
        this.channel = channel;
        this.nodeId = nodeId;
        this.health = health;
        // Lettuce fails a command after the timeout itself; the margin lets its own failure be the one counted
        this.publishWaitNanos = config.timeout().toNanos() + TimeUnit.MILLISECONDS.toNanos(50);
        this.receiver = new InvalidationReceiver(channel, nodeId, listener, health);
        this.connector = new RedisConnector(config, config.clientName() + ":bus:" + nodeId);
        String where = config.redactedUrl() + " channel " + channel;
        this.publisher = new LazyConnection<>("invalidation publisher at " + where,
                () -> connector.connect(StringCodec.UTF8), c -> { }, connector.resources().eventExecutorGroup(),
                connector.resources().reconnectDelay());
        this.subscriber = new LazyConnection<>("invalidation subscriber at " + where,
                () -> connector.connectPubSub(StringCodec.UTF8), this::subscribe,
                connector.resources().eventExecutorGroup(), connector.resources().reconnectDelay());
    }

    /**
     * Connects with a random node id. See {@link #connect(RedisTierConfig, String, String, Listener, BusHealth)}.
     */
    public static RedisInvalidationBus connect(RedisTierConfig config, String channel, Listener listener,
            BusHealth health) {
        return connect(config, channel, UUID.randomUUID().toString(), listener, health);
    }

    /** Connects with a health of {@link #DEFAULT_MAX_STALENESS}. */
    public static RedisInvalidationBus connect(RedisTierConfig config, String channel, String nodeId,
            Listener listener) {
        return connect(config, channel, nodeId, listener, new BusHealth(DEFAULT_MAX_STALENESS));
    }

    /**
     * Creates the bus, connects and subscribes. Waits at most {@link RedisTierConfig#connectTimeout()} for the
     * subscription; if Redis is unreachable it returns anyway and keeps trying in the background (and then calls
     * {@code onMessagesLost} once subscribed).
     *
     * @param config where Redis is ({@link RedisTierConfig#timeout()} applies to {@code PUBLISH})
     * @param channel the pub/sub channel, e.g. {@code <namespace>:invalidations}
     * @param nodeId this node's id: 1 to 100 printable ASCII characters, no space; unique per running runtime
     * @param listener receives the other nodes' invalidations
     * @param health kept up to date by the bus's heartbeats; its bound sets their period
     * @return the bus; close it to unsubscribe and release its connections and threads
     */
    public static RedisInvalidationBus connect(RedisTierConfig config, String channel, String nodeId,
            Listener listener, BusHealth health) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(channel, "channel must not be null");
        Objects.requireNonNull(nodeId, "nodeId must not be null");
        Objects.requireNonNull(listener, "listener must not be null");
        Objects.requireNonNull(health, "health must not be null");
        if (channel.isEmpty()) {
            throw new IllegalArgumentException("channel must not be empty");
        }
        if (!InvalidationMessage.isNodeId(nodeId)) {
            throw new IllegalArgumentException("node id must be 1 to 100 printable ASCII characters without spaces: "
                    + nodeId);
        }
        RedisInvalidationBus bus = new RedisInvalidationBus(config, channel, nodeId, listener, health);
        bus.start(config.connectTimeout().toNanos());
        return bus;
    }

    private void start(long waitNanos) {
        long deadline = System.nanoTime() + waitNanos;
        publisher.start();
        subscriber.start();
        boolean subscribed = receiver.awaitFirstSubscription(waitNanos);
        receiver.startupOver();
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(1), health.maxStaleness().toNanos() / 4);
        try {
            heartbeats = connector.resources().eventExecutorGroup().scheduleAtFixedRate(this::heartbeat, 0, period,
                    TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            LOG.error("cacheweave: invalidation bus cannot send heartbeats ({}); the memory tier is not served",
                    e.toString());
        }
        publisher.awaitFirstAttempt(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        // the memory tier is served once the first heartbeat was answered (a round trip after the subscription)
        while (subscribed && !health.servesMemoryTier() && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Sends one {@code PING} on the subscription connection; its answer proves the messages before it arrived. */
    private void heartbeat() {
        if (closed || !subscriber.isConnected()) {
            return;
        }
        try {
            long connection = health.connection();
            long sentAt = health.now(); // read before sending: the proof covers what Redis published until then
            subscriber.get().async().ping().whenComplete((pong, e) -> {
                if (e == null) {
                    receiver.heartbeatAnswered(connection, sentAt);
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("cacheweave: heartbeat on {} not sent: {}", channel, e.toString());
        }
    }

    private void subscribe(StatefulRedisPubSubConnection<String, String> c) {
        c.addListener(new RedisPubSubAdapter<String, String>() {
            @Override
            public void message(String ch, String message) {
                if (channel.equals(ch)) {
                    receiver.message(message);
                }
            }

            @Override
            public void subscribed(String ch, long count) {
                if (channel.equals(ch)) {
                    receiver.subscribed();
                }
            }
        });
        c.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                receiver.connectionLost();
                if (!closed) {
                    LOG.warn("cacheweave: invalidation bus lost its subscription to {}; resubscribing when "
                            + "reconnected", channel);
                }
            }
        });
        sendSubscribe(c);
    }

    private void sendSubscribe(StatefulRedisPubSubConnection<String, String> c) {
        c.async().subscribe(channel).whenComplete((ignored, e) -> {
            if (e != null && !closed) {
                LOG.warn("cacheweave: invalidation bus could not subscribe to {} ({}); trying again", channel,
                        e.toString());
                try {
                    connector.resources().eventExecutorGroup().schedule(() -> sendSubscribe(c), 1, TimeUnit.SECONDS);
                } catch (RuntimeException rejected) {
                    LOG.debug("cacheweave: no further subscription attempts: {}", rejected.toString());
                }
            }
        });
    }

    /**
     * Sends the invalidation and waits until Redis answered the {@code PUBLISH} (at most the command timeout), so
     * that a caller who returns after it knows every subscribed node applies it within the bound of its health.
     * Never throws; a failure is logged and counted.
     */
    @Override
    public void publish(Invalidation.Kind kind, String target) {
        await(send(kind, target));
    }

    /** As {@link #publish} for several targets: sent back to back, one wait for all of them. */
    @Override
    public void publishAll(Invalidation.Kind kind, java.util.Collection<String> targets) {
        CompletableFuture<?> last = null;
        for (String target : targets) {
            CompletableFuture<?> sent = send(kind, target);
            last = sent == null ? last : sent;
        }
        await(last); // one connection answers in order: the last answer comes after the others
    }

    /** @return the pending {@code PUBLISH}, or {@code null} when nothing was sent */
    private CompletableFuture<?> send(Invalidation.Kind kind, String target) {
        if (kind == null || target == null) {
            publishFailed(new IllegalArgumentException("kind and target must not be null: " + kind + ", " + target));
            return null;
        }
        synchronized (publishLock) {
            if (closed) {
                return null;
            }
            // numbered and handed to the connection under one lock, so the numbers go out in order
            String message = InvalidationMessage.encode(nodeId, ++sequence, kind, target);
            try {
                return commands(publisher.get()).publish(channel, message).toCompletableFuture()
                        .whenComplete((receivers, e) -> {
                            if (e == null) {
                                published.increment();
                            } else {
                                publishFailed(e);
                            }
                        });
            } catch (RuntimeException e) {
                publishFailed(e);
                return null;
            }
        }
    }

    private void await(CompletableFuture<?> sent) {
        if (sent == null) {
            return;
        }
        try {
            sent.get(publishWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // counted and logged where the command fails (Lettuce times it out itself)
        }
    }

    @SuppressWarnings("unchecked")
    private static BaseRedisAsyncCommands<String, String> commands(StatefulConnection<String, String> c) {
        if (c instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.async();
        }
        return ((StatefulRedisConnection<String, String>) c).async();
    }

    private void publishFailed(Throwable e) {
        publishFailures.increment();
        long suppressed = publishLog.tryAcquire();
        if (suppressed >= 0) {
            LOG.warn("cacheweave: invalidation not published on {} ({} more failures since the last report); the "
                    + "other nodes notice the gap with the next message: {}", channel, suppressed, e.toString());
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    /** @return the pub/sub channel */
    public String channel() {
        return channel;
    }

    /** @return whether the subscription is in place right now */
    public boolean isSubscribed() {
        return receiver.everSubscribed() && subscriber.isConnected();
    }

    /** @return whether this node may serve its memory tier, as the heartbeats tell */
    @Override
    public BusHealth health() {
        return health;
    }

    /** @return invalidations handed to Redis successfully */
    public long published() {
        return published.sum();
    }

    /** @return invalidations that could not be sent */
    public long publishFailures() {
        return publishFailures.sum();
    }

    /** @return invalidations received from other nodes */
    public long received() {
        return receiver.received();
    }

    /** @return calls of {@link Listener#onMessagesLost(String)} */
    public long lostNotices() {
        return receiver.lost();
    }

    /** @return messages on the channel that were not invalidations of this format */
    public long malformed() {
        return receiver.malformed();
    }

    /** Stops delivering, closes both connections and the threads (waits at most about two seconds). */
    @Override
    public void close() {
        synchronized (publishLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        java.util.concurrent.ScheduledFuture<?> beating = heartbeats;
        if (beating != null) {
            beating.cancel(false);
        }
        try {
            subscriber.close();
            publisher.close();
        } finally {
            receiver.close();
            connector.close();
        }
    }

    @Override
    public String toString() {
        return "RedisInvalidationBus[" + channel + ", node " + nodeId + (isSubscribed() ? ", subscribed" : "") + "]";
    }
}
