package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static io.cacheweave.runtime.tier.Invalidation.Kind.ALL;
import static io.cacheweave.runtime.tier.Invalidation.Kind.OPERATION;
import static io.cacheweave.runtime.tier.Invalidation.Kind.PATTERN;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.tier.Recorder.Lost;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two buses on one real server. */
class RedisInvalidationBusIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    static RedisServer server;

    private String channel;
    private String idA;
    private String idB;

    @BeforeAll
    static void start() {
        server = RedisServers.standalone();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void names() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        channel = server.key("invalidations:" + run);
        idA = "a-" + run;
        idB = "b-" + run;
    }

    private RedisInvalidationBus bus(String nodeId, BlockingQueue<Object> events) {
        return RedisInvalidationBus.connect(RedisTierConfig.of(server.url())
                .withMaxReconnectDelay(Duration.ofMillis(50)), channel, nodeId, Recorder.into(events));
    }

    @Test
    void publish_otherNodeReceivesInOrder_senderReceivesNothing() throws InterruptedException {
        BlockingQueue<Object> toA = new LinkedBlockingQueue<>();
        BlockingQueue<Object> toB = new LinkedBlockingQueue<>();
        try (RedisInvalidationBus a = bus(idA, toA); RedisInvalidationBus b = bus(idB, toB)) {
            assertTrue(a.isSubscribed() && b.isSubscribed());
            a.publish(PATTERN, "users:*");
            a.publish(OPERATION, "summarize");
            a.publish(ALL, "");
            a.publish(PATTERN, "odd  target\nwith spaces, \\* and ünïcödé 😀 ");
            assertEquals(new Invalidation(idA, 1, PATTERN, "users:*"), toB.poll(5, SECONDS));
            assertEquals(new Invalidation(idA, 2, OPERATION, "summarize"),
                    toB.poll(1, SECONDS));
            assertEquals(new Invalidation(idA, 3, ALL, ""), toB.poll(1, SECONDS));
            assertEquals(new Invalidation(idA, 4, PATTERN,
                    "odd  target\nwith spaces, \\* and ünïcödé 😀 "), toB.poll(1, SECONDS));
            assertNull(toA.poll(100, MILLISECONDS));
            assertNull(toB.poll(1, MILLISECONDS));
            assertEquals(4, a.published());
            assertEquals(4, b.received());
            assertEquals(0, a.received());
        }
    }

    @Test
    void gapInSequence_messagesLostThenMessage() throws InterruptedException {
        BlockingQueue<Object> toB = new LinkedBlockingQueue<>();
        try (RedisInvalidationBus b = bus(idB, toB)) {
            server.call("PUBLISH", channel, "cw1 other 7 ALL ");
            server.call("PUBLISH", channel, "cw1 other 8 OPERATION qa");
            server.call("PUBLISH", channel, "cw1 other 10 PATTERN x:*");
            server.call("PUBLISH", channel, "cw1 other 9 PATTERN late");
            // a sender heard for the first time starts where it is
            assertEquals(new Invalidation("other", 7, ALL, ""), toB.poll(5, SECONDS));
            assertEquals(new Invalidation("other", 8, OPERATION, "qa"), toB.poll(1, SECONDS));
            assertEquals(new Lost("missed 1 invalidation from node other (sequence 10 after 8)"),
                    toB.poll(1, SECONDS));
            assertEquals(new Invalidation("other", 10, PATTERN, "x:*"), toB.poll(1, SECONDS));
            assertEquals(new Lost("invalidation from node other out of order (sequence 9 after 10)"),
                    toB.poll(1, SECONDS));
            assertEquals(new Invalidation("other", 9, PATTERN, "late"), toB.poll(1, SECONDS));
            assertEquals(2, b.lostNotices());
        }
    }

    @Test
    void malformedMessages_ignored() throws InterruptedException {
        BlockingQueue<Object> toB = new LinkedBlockingQueue<>();
        try (RedisInvalidationBus b = bus(idB, toB)) {
            server.call("PUBLISH", channel, "hello");
            server.call("PUBLISH", channel, "cw1 other x ALL ");
            server.call("PUBLISH", channel, "cw2 other 1 ALL ");
            server.call("PUBLISH", channel, "cw1 other 1 EVERYTHING ");
            server.call("PUBLISH", channel, "cw1 other 1 ALL ");
            assertEquals(new Invalidation("other", 1, ALL, ""), toB.poll(5, SECONDS));
            assertEquals(4, b.malformed());
        }
    }

    @Test
    void subscriptionConnectionKilled_reconnectsReportsLossAndReceivesNextMessageQuickly() throws InterruptedException {
        BlockingQueue<Object> toA = new LinkedBlockingQueue<>();
        BlockingQueue<Object> toB = new LinkedBlockingQueue<>();
        try (RedisInvalidationBus a = bus(idA, toA); RedisInvalidationBus b = bus(idB, toB)) {
            a.publish(OPERATION, "before");
            assertEquals(new Invalidation(idA, 1, OPERATION, "before"), toB.poll(5, SECONDS));

            assertEquals(1L, server.call("CLIENT", "KILL", "ID", subscriptionClientId(idB)));
            Object lost = toB.poll(5, SECONDS);
            assertInstanceOf(Lost.class, lost);
            assertTrue(((Lost) lost).reason().contains("renewed after a lost connection"), lost.toString());

            long start = System.nanoTime();
            a.publish(OPERATION, "after");
            Object next = toB.poll(100, MILLISECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(new Invalidation(idA, 2, OPERATION, "after"), next, "after " + millis + " ms");
            assertNull(toA.poll(1, MILLISECONDS));
            assertEquals(1, b.lostNotices());
        }
    }

    /** @return the client id of the bus's pub/sub connection, found by its name */
    private static String subscriptionClientId(String nodeId) {
        String name = "cacheweave:bus:" + nodeId;
        for (String line : ((String) server.call("CLIENT", "LIST", "TYPE", "pubsub")).split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                return line.substring(3, line.indexOf(' '));
            }
        }
        throw new AssertionError("no pub/sub client named " + name);
    }

    @Test
    void serverDown_publishNeverThrows_andReceiversNoticeTheGap() throws InterruptedException {
        BlockingQueue<Object> toB = new LinkedBlockingQueue<>();
        try (RedisServer own = RedisServers.local()) {
            RedisTierConfig config = RedisTierConfig.of(own.url()).withMaxReconnectDelay(Duration.ofMillis(50));
            String ch = own.key("invalidations");
            BlockingQueue<Object> toA = new LinkedBlockingQueue<>();
            try (RedisInvalidationBus a = RedisInvalidationBus.connect(config, ch, idA, Recorder.into(toA))) {
                own.stop();
                a.publish(OPERATION, "lost"); // fails at once, or when Lettuce notices the closed connection
                GuardedTierIT.await(() -> a.publishFailures() == 1);
                own.start();
                try (RedisInvalidationBus b = RedisInvalidationBus.connect(config, ch, idB, Recorder.into(toB))) {
                    assertTrue(b.isSubscribed());
                    GuardedTierIT.await(() -> {
                        a.publish(OPERATION, "retry");
                        return a.published() > 0;
                    });
                    Object first = toB.poll(5, SECONDS);
                    assertInstanceOf(Invalidation.class, first);
                    assertEquals("retry", ((Invalidation) first).target());
                }
            }
        }
    }

    @Test
    void unreachableAtStartUp_subscribesLaterAndReportsLoss() throws InterruptedException {
        BlockingQueue<Object> toB = new LinkedBlockingQueue<>();
        try (RedisServer own = RedisServers.local()) {
            RedisTierConfig config = RedisTierConfig.of(own.url()).withMaxReconnectDelay(Duration.ofMillis(50))
                    .withConnectTimeout(Duration.ofMillis(200));
            String ch = own.key("invalidations");
            own.stop();
            try (RedisInvalidationBus b = RedisInvalidationBus.connect(config, ch, idB, Recorder.into(toB))) {
                assertFalse(b.isSubscribed());
                own.start();
                Object lost = toB.poll(5, SECONDS);
                assertInstanceOf(Lost.class, lost);
                assertTrue(((Lost) lost).reason().contains("only after start-up"), lost.toString());
                assertTrue(b.isSubscribed());
                try (RedisInvalidationBus a = RedisInvalidationBus.connect(config, ch, idA,
                        Recorder.into(new LinkedBlockingQueue<>()))) {
                    a.publish(ALL, "");
                    assertNotNull(toB.poll(5, SECONDS));
                }
            }
        }
    }
}
