package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.testing.TestLogs.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Closing a tier or a bus while Lettuce reconnects, as at a JVM's shutdown during a Redis outage, logs nothing: the
 * client's threads stop only once no reconnection or connection attempt is still handing a channel to them (Netty
 * otherwise warns "Force-closing a channel whose registration task was not accepted by an event loop" with a
 * {@code RejectedExecutionException} and a long stack trace; Lettuce warns of a scheduled reconnection whose threads
 * are gone), and everything is settled when {@code close()} returns. Fails without RedisConnector's shutdown order. Reconnection is made as frequent as it can be (2 ms at most between attempts), so that a close lands
 * while one is under way; each case is repeated to find the race.
 */
class RedisShutdownIT {
    private static final int ROUNDS = 20;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static RedisServer server;

    @BeforeAll
    static void start() {
        server = RedisServers.local();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RedisTierConfig reconnectingConfig() {
        return server.tierConfig().withMaxReconnectDelay(Duration.ofMillis(2));
    }

    @Test
    void tierClose_whileReconnecting_logsNothing() {
        rounds(round -> {
            server.start();
            RedisTier tier = RedisTier.connect(reconnectingConfig().withConnections(2));
            tier.put(server.key("shutdown-" + round), "v".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
            server.stop(); // both connections drop: Lettuce's watchdogs reconnect, every millisecond or two
            jitter();
            closeThenSettle(tier);
        });
    }

    @Test
    void tierClose_whileFirstConnecting_logsNothing() {
        server.stop();
        rounds(round -> {
            // never connected: the tier's own attempts (LazyConnection) go on, every millisecond or two
            RedisTier tier = RedisTier.connect(reconnectingConfig().withConnectTimeout(Duration.ofMillis(50)));
            jitter();
            closeThenSettle(tier);
        });
    }

    @Test
    void busClose_whileReconnecting_logsNothing() {
        rounds(round -> {
            server.start();
            RedisInvalidationBus bus = RedisInvalidationBus.connect(reconnectingConfig(), server.key("bus"),
                    "node-" + round, Recorder.into(new java.util.concurrent.LinkedBlockingQueue<>()));
            server.stop();
            jitter();
            closeThenSettle(bus);
        });
    }

    private void rounds(IntConsumer round) {
        for (int i = 0; i < ROUNDS; i++) {
            round.accept(i);
        }
        List<Event> loud = logs.events().stream().filter(RedisShutdownIT::shutdownNoise).collect(Collectors.toList());
        if (!loud.isEmpty()) {
            fail("closing while reconnecting logged:\n"
                    + loud.stream().map(Event::toString).collect(Collectors.joining("\n")));
        }
    }

    /** Closes, then checks that nothing more is logged once close() has returned (its threads have stopped). */
    private void closeThenSettle(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        int atClose = logs.events().size();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Event> after = logs.events().subList(atClose, logs.events().size()).stream()
                .filter(e -> e.level().toInt() >= Level.INFO.toInt()).collect(Collectors.toList());
        assertEquals(List.of(), after, "logged after close() returned");
    }

    /**
     * @return whether an event is what a shutdown that races a connection attempt logs: anything at WARN or above from
     *     Netty, a rejected task, or Lettuce's reconnect timer finding its workers gone
     */
    private static boolean shutdownNoise(Event e) {
        if (e.level().toInt() < Level.WARN.toInt()) {
            return false;
        }
        if (e.logger().startsWith("io.netty") || e.message().contains("reconnect workers are terminated")) {
            return true;
        }
        for (Throwable t = e.thrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /** Sleeps 0 to 20 ms at random: the close lands at a different moment of the reconnection each time. */
    private static void jitter() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
