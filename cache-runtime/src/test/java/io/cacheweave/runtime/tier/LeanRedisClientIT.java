package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standalone connections of {@link RedisConnector} do not make Lettuce's synchronous API (a dynamic proxy of an
 * interface of some 500 methods) when they connect, yet {@code sync()} still works, once per connection, for data and
 * pub/sub connections alike.
 */
class LeanRedisClientIT {
    private static RedisServer server;
    private static RedisConnector connector;

    @BeforeAll
    static void start() {
        server = RedisServers.local();
        connector = new RedisConnector(server.tierConfig(), "lean-test");
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dataConnection_makesNoSynchronousApi_untilAskedForOne() throws Exception {
        StatefulRedisConnection<String, String> c = data();
        try {
            assertInstanceOf(LeanRedisClient.Connection.class, c);
            assertNull(syncField(StatefulRedisConnectionImpl.class).get(c), "the proxy was made at connect");

            String key = server.key("lean-data");
            assertEquals("OK", c.async().set(key, "v1").get(10, TimeUnit.SECONDS));
            RedisCommands<String, String> sync = c.sync();
            assertEquals("v1", sync.get(key), "the synchronous API reads what the asynchronous one wrote");
            assertEquals("OK", sync.set(key, "v2"));
            assertEquals("v2", c.async().get(key).get(10, TimeUnit.SECONDS));
            assertSame(sync, c.sync(), "made once");
        } finally {
            c.close();
        }
    }

    @Test
    void dataConnection_concurrentFirstCalls_shareOneSynchronousApi() throws Exception {
        StatefulRedisConnection<String, String> c = data();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> calls = IntStream.range(0, 8).mapToObj(i -> (Callable<Object>) c::sync).toList();
            List<Future<Object>> made = pool.invokeAll(calls);
            Object first = made.get(0).get();
            for (Future<Object> f : made) {
                assertSame(first, f.get());
            }
            assertEquals("PONG", c.sync().ping());
        } finally {
            pool.shutdownNow();
            c.close();
        }
    }

    @Test
    void pubSubConnection_makesNoSynchronousApi_untilAskedForOne() throws Exception {
        StatefulRedisPubSubConnection<String, String> sub = connector.connectPubSub(StringCodec.UTF8)
                .get(30, TimeUnit.SECONDS);
        StatefulRedisConnection<String, String> pub = data();
        try {
            assertInstanceOf(LeanRedisClient.PubSubConnection.class, sub);
            assertNull(syncField(StatefulRedisConnectionImpl.class).get(sub),
                    "the proxy was made at connect");

            String channel = server.key("lean-channel");
            sub.sync().subscribe(channel);
            assertSame(sub.sync(), sub.sync(), "made once");
            assertTrue(pub.sync().publish(channel, "m") >= 1, "the synchronous subscription is live");
        } finally {
            sub.close();
            pub.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static StatefulRedisConnection<String, String> data() throws Exception {
        return (StatefulRedisConnection<String, String>) (Object) connector.connect(StringCodec.UTF8)
                .get(30, TimeUnit.SECONDS);
    }

    /**
     * @return Lettuce's own field for the synchronous API (of pub/sub connections too; {@code RedisClusterIT} reads
     *     a cluster connection's), made by its constructor unless the subclass defers it
     */
    static Field syncField(Class<?> owner) throws NoSuchFieldException {
        Field f = owner.getDeclaredField("sync");
        f.setAccessible(true);
        return f;
    }
}
