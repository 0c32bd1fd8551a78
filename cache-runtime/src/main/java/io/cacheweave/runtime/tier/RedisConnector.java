package io.cacheweave.runtime.tier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.RedisClusterURIUtil;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import reactor.core.Disposable;

/**
 * One Lettuce client (standalone/Sentinel or cluster) with its own resources, configured the way every Cacheweave
 * connection is: fixed command timeout, commands rejected at once while disconnected, automatic reconnection with
 * exponential back-off up to {@link RedisTierConfig#maxReconnectDelay()}, TCP keep-alive, and for a cluster periodic
 * and adaptive topology refresh.
 */
final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(RedisConnector.class);
    /** Small: each client here holds one or two connections (plus one per cluster master). */
    private static final int THREADS = 2;
    private static final Duration TOPOLOGY_REFRESH_PERIOD = Duration.ofSeconds(30);
    /** The resolution of reconnection pauses and command timeouts (the client's timer). */
    static final Duration TIMER_TICK = Duration.ofMillis(10);

    private final RedisTierConfig config;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final RedisURI standaloneUri;
    private final List<StatefulRedisClusterConnection<?, ?>> clusterConnections = new CopyOnWriteArrayList<>();
    private final Disposable topologyWatch;

    RedisConnector(RedisTierConfig config, String clientName) {
        this.config = config;
        List<RedisURI> uris = parse(config.url(), config.cluster());
        // the URI's timeout bounds the connection's handshake (HELLO, CLIENT SETNAME): the connect timeout, since a
        // JVM that has just loaded Lettuce may take longer than a command's timeout for it; commands have their own
        // (TimeoutOptions below, and RedisTier's waits)
        Duration handshake = config.connectTimeout().compareTo(config.timeout()) > 0 ? config.connectTimeout()
                : config.timeout();
        for (RedisURI uri : uris) {
            uri.setTimeout(handshake);
            if (uri.getClientName() == null) {
                uri.setClientName(clientName);
            }
        }
        DefaultClientResources.Builder resourceBuilder = DefaultClientResources.builder()
                .ioThreadPoolSize(THREADS)
                .computationThreadPoolSize(THREADS)
                // the JDK's resolver (InetAddress, cached for networkaddress.cache.ttl): Netty's DNS resolver, used
                // when netty-resolver-dns is on the class path, costs its own few hundred classes at start
                .addressResolverGroup(io.netty.resolver.DefaultAddressResolverGroup.INSTANCE)
                .reconnectDelay(reconnectDelay(config.maxReconnectDelay()))
                // Lettuce's own timer ticks every 100 ms, which rounds every reconnection pause and command timeout
                // up to the next tick: a Redis that is back would wait up to 100 ms for the next attempt
                .timer(new HashedWheelTimer(new DefaultThreadFactory("cacheweave-redis-timer", true),
                        TIMER_TICK.toMillis(), TimeUnit.MILLISECONDS))
                // nothing reads Lettuce's command latencies: its collector and their publisher cost start-up time
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .commandLatencyPublisherOptions(DefaultEventPublisherOptions.disabled());
        if (config.cluster()) {
            this.resources = resourceBuilder.build();
            RedisClusterClient cluster = new LeanRedisClient.Cluster(resources, uris);
            cluster.setOptions(ClusterClientOptions.builder(clientOptions(config))
                    // Lettuce 7 enables every adaptive trigger (MOVED, ASK, reconnects, ...) by default
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(TOPOLOGY_REFRESH_PERIOD)
                            .build())
                    .build());
            this.client = cluster;
            this.standaloneUri = null;
            // a new master (fail-over, resharding) gets its connection before the first command for it
            this.topologyWatch = resources.eventBus().get()
                    .filter(ClusterTopologyChangedEvent.class::isInstance)
                    .subscribe(changed -> clusterConnections.forEach(c -> {
                        if (c.isOpen()) {
                            warm(c);
                        }
                    }));
        } else {
            // only a cluster's topology changes are read from Lettuce's events (above); its default event bus
            // starts a Reactor scheduler and sink on the thread that makes the first connection
            this.resources = resourceBuilder.eventBus(LeanRedisClient.NO_EVENTS).build();
            RedisClient standalone = new LeanRedisClient(resources);
            standalone.setOptions(clientOptions(config));
            this.client = standalone;
            this.standaloneUri = uris.get(0);
            this.topologyWatch = null;
        }
    }

    /**
     * @return the URIs of a URL: one for standalone and Sentinel, the seed nodes for a cluster
     * @throws IllegalArgumentException when the URL does not parse
     */
    static List<RedisURI> parse(String url, boolean cluster) {
        try {
            if (!cluster) {
                return List.of(RedisURI.create(url));
            }
            if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new IllegalArgumentException("must start with redis:// or rediss://");
            }
            List<RedisURI> seeds = RedisClusterURIUtil.toRedisURIs(URI.create(url));
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("names no seed node");
            }
            return seeds;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException((cluster ? "cluster seed url" : "redis url") + " is malformed ("
                    + e.getMessage() + "): " + RedisTierConfig.redact(url), e);
        }
    }

    private static ClientOptions clientOptions(RedisTierConfig config) {
        ClientOptions.Builder options = ClientOptions.builder();
        if (config.tlsCaCertFile() != null) {
            // a PEM file read when a connection is made, so a missing or unreadable file is reported per attempt
            options.sslOptions(SslOptions.builder().jdkSslProvider()
                    .trustManager(new java.io.File(config.tlsCaCertFile())).build());
        }
        return options
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(config.connectTimeout())
                        .keepAlive(SocketOptions.KeepAliveOptions.builder()
                                .enable()
                                .idle(config.healthCheckInterval())
                                .interval(Duration.ofSeconds(Math.max(1, config.healthCheckInterval().toSeconds() / 3)))
                                .count(3)
                                .build())
                        .build())
                .build();
    }

    /**
     * Runs {@code action} each time one of the client's connections is made, first or again (after Redis' handshake),
     * on a Netty thread of the client; an exception it throws is logged at DEBUG.
     */
    void onConnected(Runnable action) {
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.debug("cacheweave: a connected-listener failed", e);
                }
            }
        });
    }

    RedisTierConfig config() {
        return config;
    }

    boolean cluster() {
        return config.cluster();
    }

    ClientResources resources() {
        return resources;
    }

    /**
     * @return a data connection: a {@code StatefulRedisConnection}, or a {@code StatefulRedisClusterConnection} whose
     *     connections to every master are made (see {@link #warm})
     */
    <K, V> CompletableFuture<StatefulConnection<K, V>> connect(RedisCodec<K, V> codec) {
        if (client instanceof RedisClusterClient cluster) {
            // the asynchronous connect needs the topology loaded first (the synchronous one loads it itself)
            return cluster.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(loaded -> cluster.connectAsync(codec))
                    .thenCompose(c -> {
                        clusterConnections.add(c);
                        return warm(c).thenApply(warmed -> c);
                    });
        }
        return ((RedisClient) client).connectAsync(codec, standaloneUri).toCompletableFuture().thenApply(c -> c);
    }

    /** @return a pub/sub connection: a {@code StatefulRedisClusterPubSubConnection} on a cluster */
    <K, V> CompletableFuture<StatefulRedisPubSubConnection<K, V>> connectPubSub(RedisCodec<K, V> codec) {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(loaded -> cluster.connectPubSubAsync(codec)).thenApply(c -> c);
        }
        return ((RedisClient) client).connectPubSubAsync(codec, standaloneUri).toCompletableFuture();
    }

    /**
     * Makes the connection to every master of a cluster connection. Lettuce connects to cluster nodes lazily, on the
     * first command for one of their slots, and with {@code REJECT_COMMANDS} (Lettuce 7.7+) it rejects the commands
     * that arrive while that connection is being made: without this, the first commands to each master would fail.
     * Failures are only logged (commands to that master then fail fast until Lettuce has connected).
     */
    private static CompletableFuture<Void> warm(StatefulRedisClusterConnection<?, ?> c) {
        List<CompletableFuture<?>> nodes = new ArrayList<>();
        for (RedisClusterNode node : c.getPartitions()) {
            if (node.getRole().isUpstream()) {
                // by host and port: the pool key Lettuce uses for routing writes by slot
                nodes.add(c.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort()));
            }
        }
        return CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).exceptionally(e -> {
            LOG.debug("cacheweave: connecting to every cluster master failed: {}", e.toString());
            return null;
        });
    }

    /**
     * Shuts the client and its threads down, and waits for them to stop (at most about six seconds in all). Close the
     * client's connections first: closing one stops its reconnection, and its next attempt does not begin.
     *
     * <p>An attempt may be under way, though: Lettuce's reconnection (its watchdog checked that it may go on before
     * the connection was closed) and {@link LazyConnection}'s attempts run on the computation threads, and hand a new
     * channel to the I/O threads. Handed over after the client's shutdown has stopped those, Netty rejects it and
     * warns "Force-closing a channel whose registration task was not accepted by an event loop", with a stack trace,
     * which users would see at their JVM's shutdown. So the computation threads are drained first (each runs a task
     * queued behind the one it runs, so an attempt under way has handed its channel over), and only then are the
     * client and its I/O threads stopped, which still register that channel and close it as they stop. Waiting for
     * the threads to stop means nothing of the client runs, nor logs, once this returns.
     */
    @Override
    public void close() {
        if (topologyWatch != null) {
            topologyWatch.dispose();
        }
        try {
            // reconnections still scheduled are dropped (the client's shutdown would stop the I/O threads before
            // the timer, and Lettuce warns of a reconnection it cannot run); one that fires now finishes first
            resources.timer().stop();
            drain(resources.eventExecutorGroup(), System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            awaitStopped(resources.shutdown(0, 2, TimeUnit.SECONDS), System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        }
    }

    /** @return the pauses between reconnection attempts: {@link ReconnectPauses} up to {@code max} */
    static Delay reconnectDelay(Duration max) {
        return new ReconnectPauses(max);
    }

    /**
     * The pauses between attempts to connect (the first connection, or again after losing one): every
     * {@link #FAST_PAUSE} for the first {@link #FAST_ATTEMPTS} attempts (about two seconds while Redis refuses
     * connections), so that a Redis that restarts or fails over is connected to again within one pause and one timer
     * tick of answering; then doubling up to the configured maximum, so that a long outage costs an attempt every
     * {@code maxReconnectDelay}. Each attempt costs the client about a millisecond of CPU, so the fast phase costs
     * 0.3 to 0.4 s of CPU over its two seconds (measured: BENCHMARKS.md). Lettuce counts attempts from 1 and starts
     * again after a connection is made.
     */
    static final class ReconnectPauses extends Delay {
        static final Duration FAST_PAUSE = Duration.ofMillis(20);
        static final long FAST_ATTEMPTS = 100;
        private final long fastNanos;
        private final long maxNanos;

        ReconnectPauses(Duration max) {
            this.maxNanos = max.toNanos();
            this.fastNanos = Math.min(FAST_PAUSE.toNanos(), maxNanos);
        }

        @Override
        public Duration createDelay(long attempt) {
            long pause = fastNanos;
            for (long i = FAST_ATTEMPTS; i < attempt && pause < maxNanos; i++) {
                pause = Math.min(maxNanos, pause * 2);
            }
            return Duration.ofNanos(pause);
        }
    }

    /** Waits until every executor of {@code group} has run what it was running when this was called. */
    private static void drain(io.netty.util.concurrent.EventExecutorGroup group, long deadline) {
        List<io.netty.util.concurrent.Future<?>> behind = new ArrayList<>();
        for (io.netty.util.concurrent.EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                continue; // closed from one of them: it runs nothing else now
            }
            try {
                behind.add(executor.submit(() -> { }));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // nothing runs there any more
            }
        }
        for (io.netty.util.concurrent.Future<?> f : behind) {
            awaitStopped(f, deadline);
        }
    }

    private static void awaitStopped(io.netty.util.concurrent.Future<?> stopped, long deadline) {
        try {
            if (!stopped.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.debug("cacheweave: the Redis client's threads did not stop, nor drain, within two seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
