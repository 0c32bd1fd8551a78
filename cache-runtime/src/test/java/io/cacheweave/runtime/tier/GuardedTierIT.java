package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Outages of a real server: stopped and restarted on the same port, paused, or not there at start-up. */
class GuardedTierIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);

    private static RedisTierConfig config(RedisServer server) {
        return RedisTierConfig.of(server.url()).withMaxReconnectDelay(Duration.ofMillis(100));
    }

    @Test
    void serverStoppedAndRestarted_failsFastWhileDown_breakerOpensThenClosesWithoutNewTier() {
        List<String> transitions = new CopyOnWriteArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder().name("redis").failureThreshold(3)
                .openDuration(Duration.ofMillis(200)).listener((from, to) -> transitions.add(from + ">" + to)).build();
        try (RedisServer server = RedisServers.local();
                GuardedTier tier = new GuardedTier(RedisTier.connect(config(server)), breaker)) {
            String key = server.key("outage");
            tier.put(key, VALUE, MINUTE);
            assertArrayEquals(VALUE, tier.get(key).bytes());

            server.stop();
            long total = 0;
            long slowest = 0;
            for (int i = 0; i < 50; i++) {
                long start = System.nanoTime();
                assertNull(tier.get(key));
                tier.put(key, VALUE, MINUTE);
                assertEquals(Map.of(), tier.getAll(List.of(key)));
                assertEquals(0, tier.delete(List.of(key)));
                assertEquals(0, tier.deleteMatching(server.key("*")));
                long nanos = System.nanoTime() - start;
                total += nanos;
                slowest = Math.max(slowest, nanos);
            }
            // no call waited for its 250 ms timeout: rejected at once, or skipped by the open breaker
            assertTrue(slowest < 240_000_000L, "slowest 5 calls while down took " + slowest / 1_000_000 + " ms");
            assertTrue(total < 1_000_000_000L, "250 calls while down took " + total / 1_000_000 + " ms");
            assertEquals(CircuitBreaker.State.OPEN, breaker.state());
            assertEquals(List.of("CLOSED>OPEN"), transitions);
            assertTrue(tier.errors() >= 3, "errors " + tier.errors());
            assertTrue(tier.skipped() > 200, "skipped " + tier.skipped());

            server.start(); // same port, no data
            await(() -> {
                tier.put(key, VALUE, MINUTE);
                return breaker.state() == CircuitBreaker.State.CLOSED && tier.get(key) != null;
            });
            assertEquals("CLOSED>OPEN", transitions.get(0));
            assertEquals("HALF_OPEN>CLOSED", transitions.get(transitions.size() - 1));
            assertArrayEquals(VALUE, tier.get(key).bytes());
        }
    }

    /**
     * The breaker stays open for a minute here, yet a restarted server is used again as soon as the tier has
     * reconnected: the reconnection ends the open period, and the next call is the probe that closes the breaker.
     */
    @Test
    void serverRestarted_isUsedAgainOnceReconnected_withoutWaitingOutTheOpenPeriod() {
        CircuitBreaker breaker = CircuitBreaker.builder().name("redis").failureThreshold(3)
                .openDuration(Duration.ofMinutes(1)).build();
        try (RedisServer server = RedisServers.local();
                GuardedTier tier = new GuardedTier(RedisTier.connect(RedisTierConfig.of(server.url())), breaker)) {
            String key = server.key("back");
            tier.put(key, VALUE, MINUTE);
            server.stop();
            for (int i = 0; i < 10 && breaker.state() != CircuitBreaker.State.OPEN; i++) {
                assertNull(tier.get(key));
            }
            assertEquals(CircuitBreaker.State.OPEN, breaker.state());

            server.start(); // same port, no data
            await(() -> {
                tier.put(key, VALUE, MINUTE);
                return tier.get(key) != null;
            });
            assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        }
    }

    @Test
    void pausedServer_commandsTimeOut() {
        try (RedisServer server = RedisServers.local();
                RedisTier redis = RedisTier.connect(config(server).withTimeout(Duration.ofMillis(150)));
                GuardedTier tier = new GuardedTier(redis, CircuitBreaker.create())) {
            String key = server.key("paused");
            redis.put(key, VALUE, MINUTE);
            server.call("CLIENT", "PAUSE", "700", "ALL");

            long start = System.nanoTime();
            TierException e = assertThrows(TierException.class, () -> redis.get(key));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(TierTimeoutException.class, e);
            assertTrue(millis >= 140 && millis < 600, "timed out after " + millis + " ms");

            assertNull(tier.get(key));
            assertEquals(1, tier.timeouts());
            assertEquals(0, tier.errors());

            // after the pause the same connection serves again (late replies of cancelled commands are dropped)
            await(() -> tier.get(key) != null);
            assertArrayEquals(VALUE, redis.get(key).bytes());
        }
    }

    @Test
    void unreachableAtStartUp_connectReturnsAndCommandsFailFast_thenConnectsInBackground() {
        try (RedisServer server = RedisServers.local()) {
            String key = server.key("late");
            server.stop();
            long start = System.nanoTime();
            try (RedisTier redis = RedisTier.connect(config(server));
                    GuardedTier tier = new GuardedTier(redis, CircuitBreaker.create())) {
                assertTrue(System.nanoTime() - start < 1_500_000_000L, "connect waited too long");
                assertFalse(redis.isConnected());
                long before = System.nanoTime();
                TierException e = assertThrows(TierException.class, () -> redis.get(key));
                assertTrue(System.nanoTime() - before < 50_000_000L, "did not fail fast");
                assertTrue(e.getMessage().contains("not connected"), e.getMessage());
                assertNull(tier.get(key));

                server.start();
                await(redis::isConnected);
                tier.put(key, VALUE, MINUTE);
                assertArrayEquals(VALUE, tier.get(key).bytes());
            }
        }
    }

    @Test
    void unresolvableHost_connectDoesNotThrow() {
        long start = System.nanoTime();
        try (RedisTier redis = RedisTier.connect(RedisTierConfig.of("redis://no-such-host.invalid:6379")
                .withConnectTimeout(Duration.ofMillis(300)));
                GuardedTier tier = new GuardedTier(redis, CircuitBreaker.create())) {
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
            assertNull(tier.get("k"));
            // never connected: skipped like an open breaker, not a failure (TierNotConnectedException)
            assertEquals(0, tier.errors());
            assertEquals(1, tier.skipped());
        }
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
