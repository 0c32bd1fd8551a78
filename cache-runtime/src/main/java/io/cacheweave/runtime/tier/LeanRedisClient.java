package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.internal.Once;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.ClusterPushHandler;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.StatefulRedisClusterConnectionImpl;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.EventBus;
import io.lettuce.core.json.JsonParser;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.pubsub.PubSubEndpoint;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnectionImpl;
import io.lettuce.core.pubsub.api.sync.RedisPubSubCommands;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * Lettuce's standalone client, whose connections make their synchronous API when it is first asked for instead of
 * when they are made. Cacheweave's connections only use the asynchronous API, and Lettuce's synchronous one is a
 * dynamic proxy of an interface of some 500 methods, generated per connection with a reflective pass over every
 * method: about 200 ms on the thread that makes the first connection of a JVM (and so before the first call can
 * reach Redis; see BENCHMARKS.md, start-up), and again for each of the tier's and the bus's connections. The
 * {@link Cluster} client does the same for its node connections and its cluster connection (not for cluster pub/sub
 * connections, which Lettuce makes without a factory method).
 */
final class LeanRedisClient extends RedisClient {

    /**
     * The event bus of a standalone client's resources: Lettuce's events (connects, reconnects, latencies) are only
     * published, never read, and its default bus starts a Reactor scheduler and sink when the resources are made.
     */
    static final EventBus NO_EVENTS = new EventBus() {
        @Override
        public Flux<Event> get() {
            return Flux.empty();
        }

        @Override
        public void publish(Event event) {
            // nobody listens
        }
    };

    LeanRedisClient(ClientResources resources) {
        super(resources, new RedisURI());
    }

    @Override
    protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter writer,
            PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
        return new Connection<>(writer, pushHandler, codec, timeout, getOptions().getJsonParser());
    }

    @Override
    protected <K, V> StatefulRedisPubSubConnectionImpl<K, V> newStatefulRedisPubSubConnection(
            PubSubEndpoint<K, V> endpoint, RedisChannelWriter writer, RedisCodec<K, V> codec, Duration timeout) {
        return new PubSubConnection<>(endpoint, writer, codec, timeout);
    }

    /**
     * The cluster client made the same way: the connections to each node, and the cluster connection itself, whose
     * synchronous API is a proxy of {@code RedisAdvancedClusterCommands}, make it on first use.
     */
    static final class Cluster extends RedisClusterClient {
        Cluster(ClientResources resources, Iterable<RedisURI> seeds) {
            super(resources, seeds);
        }

        @Override
        protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter writer,
                PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout, Supplier<JsonParser> parser) {
            return new Connection<>(writer, pushHandler, codec, timeout, parser);
        }

        @Override
        protected <V, K> StatefulRedisClusterConnectionImpl<K, V> newStatefulRedisClusterConnection(
                RedisChannelWriter writer, ClusterPushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout,
                Supplier<JsonParser> parser) {
            return new ClusterConnection<>(writer, pushHandler, codec, timeout, parser);
        }
    }

    /** A cluster connection whose {@link #sync()} is made on first use. */
    static final class ClusterConnection<K, V> extends StatefulRedisClusterConnectionImpl<K, V> {
        private final Once<RedisAdvancedClusterCommands<K, V>> sync =
                new Once<>(super::newRedisAdvancedClusterCommandsImpl);

        ClusterConnection(RedisChannelWriter writer, ClusterPushHandler pushHandler, RedisCodec<K, V> codec,
                Duration timeout, Supplier<JsonParser> parser) {
            super(writer, pushHandler, codec, timeout, parser);
        }

        @Override
        protected RedisAdvancedClusterCommands<K, V> newRedisAdvancedClusterCommandsImpl() {
            return null; // called by the super constructor; sync() makes it
        }

        @Override
        public RedisAdvancedClusterCommands<K, V> sync() {
            return sync.get();
        }
    }

    /** A data connection whose {@link #sync()} is made on first use. */
    static final class Connection<K, V> extends StatefulRedisConnectionImpl<K, V> {
        private final Once<RedisCommands<K, V>> sync = new Once<>(super::newRedisSyncCommandsImpl);

        Connection(RedisChannelWriter writer, PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout,
                Supplier<JsonParser> parser) {
            super(writer, pushHandler, codec, timeout, parser);
        }

        @Override
        protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
            return null; // called by the super constructor; sync() makes it
        }

        @Override
        public RedisCommands<K, V> sync() {
            return sync.get();
        }
    }

    /** A pub/sub connection whose {@link #sync()} is made on first use. */
    static final class PubSubConnection<K, V> extends StatefulRedisPubSubConnectionImpl<K, V> {
        private final Once<RedisPubSubCommands<K, V>> sync = new Once<>(super::newRedisSyncCommandsImpl);

        PubSubConnection(PubSubEndpoint<K, V> endpoint, RedisChannelWriter writer, RedisCodec<K, V> codec,
                Duration timeout) {
            super(endpoint, writer, codec, timeout);
        }

        @Override
        protected RedisPubSubCommands<K, V> newRedisSyncCommandsImpl() {
            return null; // called by the super constructor; sync() makes it
        }

        @Override
        public RedisPubSubCommands<K, V> sync() {
            return sync.get();
        }
    }
}
