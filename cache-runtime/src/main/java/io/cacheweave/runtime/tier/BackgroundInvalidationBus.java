package io.cacheweave.runtime.tier;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * A {@link RedisInvalidationBus} made on a daemon thread ("cacheweave-bus-start") once its tier's client has started
 * ({@link RedisTier#started()}), so that neither the runtime's construction nor its first call waits for Lettuce or
 * for Redis. Until the bus exists an invalidation is not sent to the other nodes (counted in
 * {@link #unsent()}), as it is not while Redis is unreachable: the other nodes' memory tiers then keep their entries
 * until their TTL. Its {@link BusHealth} is the one given, so programmatic caches serve their memory tier only once
 * the bus is subscribed.
 */
public final class BackgroundInvalidationBus implements InvalidationBus {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(BackgroundInvalidationBus.class);

    private final String nodeId = UUID.randomUUID().toString();
    private final BusHealth health;
    private final LongAdder unsent = new LongAdder();
    private volatile RedisInvalidationBus bus;
    /** Guarded by this. */
    private boolean closed;
    /** Guarded by this: set when {@link #connect} begins; {@link #close()} then waits for {@link #made}. */
    private boolean connecting;
    private final CompletableFuture<Void> made = new CompletableFuture<>();
    private long closeWaitMillis;

    private BackgroundInvalidationBus(BusHealth health) {
        this.health = health;
    }

    /**
     * @param after the bus is made once this completes (the tier's client start), so the two clients do not load
     *     side by side; when it completes exceptionally (the client could not be made) no bus is made
     * @return the bus, connecting in the background; see
     *     {@link RedisInvalidationBus#connect(RedisTierConfig, String, String, Listener, BusHealth)}
     */
    public static BackgroundInvalidationBus start(RedisTierConfig config, String channel, Listener listener,
            BusHealth health, CompletableFuture<?> after) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(channel, "channel must not be null");
        Objects.requireNonNull(listener, "listener must not be null");
        BackgroundInvalidationBus background = new BackgroundInvalidationBus(Objects.requireNonNull(health,
                "health must not be null"));
        after.whenCompleteAsync((ignored, failure) -> {
            if (failure == null) {
                background.connect(config, channel, listener);
            } else {
                // the tier's client could not be made (a malformed URL, Lettuce missing): it has said so, and a bus
                // made from the same configuration would fail the same way
                LOG.debug("cacheweave: no invalidation bus on {}: the Redis client did not start", channel);
                background.made.complete(null);
            }
        }, task -> {
            Thread t = new Thread(task, "cacheweave-bus-start");
            t.setDaemon(true);
            t.start();
        });
        return background;
    }

    private void connect(RedisTierConfig config, String channel, Listener listener) {
        synchronized (this) {
            if (closed) {
                return; // the runtime closed before the bus was made
            }
            connecting = true;
            closeWaitMillis = config.connectTimeout().toMillis() + 5_000;
        }
        try {
            RedisInvalidationBus b = RedisInvalidationBus.connect(config, channel, nodeId, listener, health);
            synchronized (this) {
                if (!closed) {
                    bus = b;
                    return;
                }
            }
            b.close();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("cacheweave: cannot start the invalidation bus on {}; other nodes are not told of this node's "
                    + "invalidations", channel, e);
        } finally {
            made.complete(null);
        }
    }

    @Override
    public void publish(Invalidation.Kind kind, String target) {
        RedisInvalidationBus b = bus;
        if (b == null) {
            unsent.increment();
        } else {
            b.publish(kind, target);
        }
    }

    @Override
    public void publishAll(Invalidation.Kind kind, java.util.Collection<String> targets) {
        RedisInvalidationBus b = bus;
        if (b == null) {
            unsent.add(targets.size());
        } else {
            b.publishAll(kind, targets);
        }
    }

    /** @return invalidations published before the bus was made, so not sent */
    public long unsent() {
        return unsent.sum();
    }

    /** @return completes once the bus is made, its making failed, or it was not attempted */
    public CompletableFuture<Void> made() {
        return made.copy();
    }

    /** @return the bus once made, else {@code null} */
    public RedisInvalidationBus bus() {
        return bus;
    }

    @Override
    public BusHealth health() {
        return health;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    /** Closes the bus; one being made now is waited for (at most the connect timeout and a few seconds) and closed. */
    @Override
    public void close() {
        RedisInvalidationBus b;
        boolean wait;
        synchronized (this) {
            closed = true;
            b = bus;
            wait = b == null && connecting;
        }
        if (b != null) {
            b.close();
        } else if (wait) {
            try {
                made.get(closeWaitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.debug("cacheweave: the invalidation bus being made did not finish: {}", e.toString());
            }
        }
    }
}
