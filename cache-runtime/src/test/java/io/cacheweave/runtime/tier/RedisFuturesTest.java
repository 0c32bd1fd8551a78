package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How Lettuce's outcomes become tier exceptions. */
class RedisFuturesTest {

    private static long in(long millis) {
        return System.nanoTime() + millis * 1_000_000;
    }

    @Test
    void await_value() {
        assertEquals("v", RedisFutures.await(CompletableFuture.completedFuture("v"), in(10), "GET"));
    }

    @Test
    void await_noAnswer_timesOutAtTheDeadlineAndCancels() {
        CompletableFuture<String> never = new CompletableFuture<>();
        long start = System.nanoTime();
        TierTimeoutException e = assertThrows(TierTimeoutException.class,
                () -> RedisFutures.await(never, in(50), "GET"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 45 && millis < 1000, millis + " ms");
        assertEquals("redis GET did not answer in time", e.getMessage());
        assertTrue(never.isCancelled());
    }

    @Test
    void await_lettuceTimeout_isTierTimeout() {
        TierException e = assertThrows(TierException.class, () -> RedisFutures.await(
                CompletableFuture.failedFuture(new RedisCommandTimeoutException("Command timed out")), in(10), "SET"));
        assertInstanceOf(TierTimeoutException.class, e);
    }

    @Test
    void await_otherFailure_isTierException() {
        RedisConnectionException cause = new RedisConnectionException("refused");
        TierException e = assertThrows(TierException.class,
                () -> RedisFutures.await(CompletableFuture.failedFuture(cause), in(10), "SET"));
        assertFalse(e instanceof TierTimeoutException);
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().startsWith("redis SET failed: "), e.getMessage());
    }

    @Test
    void await_interrupted_keepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            TierException e = assertThrows(TierException.class,
                    () -> RedisFutures.await(new CompletableFuture<>(), in(1000), "GET"));
            assertTrue(e.getMessage().contains("interrupted"));
            assertTrue(Thread.interrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void awaitAll_firstFailureCancelsTheRest() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        assertThrows(TierException.class, () -> RedisFutures.awaitAll(
                List.of(CompletableFuture.failedFuture(new IllegalStateException("x")), pending), in(100), "GET"));
        assertTrue(pending.isCancelled());
    }

    @Test
    void failure_keepsTierExceptions() {
        TierException original = new TierException("as is");
        assertSame(original, RedisFutures.failure(original, "GET"));
    }
}
