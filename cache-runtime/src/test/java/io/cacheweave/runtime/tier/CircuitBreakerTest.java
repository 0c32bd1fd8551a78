package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.tier.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** State machine of {@link CircuitBreaker}, on a clock the test moves. */
class CircuitBreakerTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final CircuitBreaker breaker = CircuitBreaker.builder().name("test").failureThreshold(3)
            .openDuration(Duration.ofSeconds(5)).nanoClock(now::get)
            .listener((from, to) -> changes.add(from + ">" + to)).build();

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure(new TierException("boom"));
        }
    }

    @Test
    void closed_belowThreshold_staysClosed() {
        fail(2);
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(2, breaker.failures());
        assertTrue(breaker.tryAcquire());
        assertEquals(0, breaker.transitions());
    }

    @Test
    void closed_successResetsConsecutiveFailures() {
        fail(2);
        breaker.onSuccess();
        assertEquals(0, breaker.failures());
        fail(2);
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void closed_thresholdReached_opens() {
        fail(3);
        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        assertEquals(List.of("CLOSED>OPEN"), changes);
        assertEquals(1, breaker.transitions());
        logs.assertOnce(Level.WARN, "circuit breaker opened after 3 consecutive failures");
    }

    @Test
    void open_rejectsUntilOpenDurationPassed() {
        fail(3);
        advance(Duration.ofMillis(4999));
        assertFalse(breaker.tryAcquire());
        assertEquals(State.OPEN, breaker.state());
        advance(Duration.ofMillis(1));
        assertTrue(breaker.tryAcquire());
        assertEquals(State.HALF_OPEN, breaker.state());
    }

    @Test
    void open_reachableAgain_nextCallIsTheProbeAtOnce() {
        fail(3);
        advance(Duration.ofMillis(10));
        breaker.reachable();
        assertEquals(State.OPEN, breaker.state(), "still open until a call probes");
        assertTrue(breaker.tryAcquire());
        assertEquals(State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "one probe only");
        breaker.onSuccess();
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(List.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED"), changes);
    }

    @Test
    void open_reachableButProbeFails_opensForAnotherOpenDuration() {
        fail(3);
        breaker.reachable();
        assertTrue(breaker.tryAcquire());
        breaker.onFailure(new TierException("still failing"));
        assertEquals(State.OPEN, breaker.state());
        advance(Duration.ofMillis(4999));
        assertFalse(breaker.tryAcquire());
    }

    @Test
    void reachable_whileClosedOrHalfOpen_changesNothing() {
        breaker.reachable();
        assertEquals(State.CLOSED, breaker.state());
        fail(3);
        advance(Duration.ofSeconds(5));
        assertTrue(breaker.tryAcquire()); // the probe is under way
        breaker.reachable();
        assertFalse(breaker.tryAcquire(), "no second probe");
        assertEquals(State.HALF_OPEN, breaker.state());
    }

    @Test
    void open_outcomesOfEarlierCallsIgnored() {
        fail(3);
        breaker.onSuccess();
        breaker.onFailure(null);
        assertEquals(State.OPEN, breaker.state());
        assertEquals(1, breaker.transitions());
    }

    @Test
    void halfOpen_letsExactlyOneProbeThrough() {
        fail(3);
        advance(Duration.ofSeconds(5));
        assertTrue(breaker.tryAcquire());
        assertFalse(breaker.tryAcquire());
        assertFalse(breaker.tryAcquire());
        assertEquals(State.HALF_OPEN, breaker.state());
    }

    @Test
    void halfOpen_probeSucceeds_closes() {
        fail(3);
        advance(Duration.ofSeconds(5));
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(0, breaker.failures());
        assertTrue(breaker.tryAcquire());
        assertEquals(List.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED"), changes);
        assertEquals(3, breaker.transitions());
    }

    @Test
    void halfOpen_probeFails_reopensForAnotherFullDuration() {
        fail(3);
        advance(Duration.ofSeconds(5));
        assertTrue(breaker.tryAcquire());
        advance(Duration.ofSeconds(1));
        breaker.onFailure(new TierException("still down"));
        assertEquals(State.OPEN, breaker.state());
        advance(Duration.ofMillis(4999));
        assertFalse(breaker.tryAcquire());
        advance(Duration.ofMillis(1));
        assertTrue(breaker.tryAcquire());
        assertEquals(List.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>OPEN", "OPEN>HALF_OPEN"), changes);
    }

    @Test
    void halfOpen_probeThatNeverReports_replacedAfterOpenDuration() {
        fail(3);
        advance(Duration.ofSeconds(5));
        assertTrue(breaker.tryAcquire()); // this probe never reports
        advance(Duration.ofSeconds(4));
        assertFalse(breaker.tryAcquire());
        advance(Duration.ofSeconds(1));
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(List.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED"), changes);
    }

    @Test
    void closedFastPath_doesNotReadTheClock() {
        AtomicInteger reads = new AtomicInteger();
        CircuitBreaker b = CircuitBreaker.builder().nanoClock(() -> {
            reads.incrementAndGet();
            return 0;
        }).build();
        for (int i = 0; i < 100; i++) {
            assertTrue(b.tryAcquire());
            b.onSuccess();
        }
        assertEquals(0, reads.get());
    }

    @Test
    void listener_failureDoesNotBreakTheBreaker() {
        CircuitBreaker b = CircuitBreaker.builder().failureThreshold(1).nanoClock(now::get)
                .listener((from, to) -> {
                    throw new IllegalStateException("listener bug");
                }).build();
        List<State> seen = new ArrayList<>();
        b.addListener((from, to) -> seen.add(to));
        b.onFailure(null);
        assertEquals(State.OPEN, b.state());
        assertEquals(List.of(State.OPEN), seen);
        assertEquals("listener bug", logs.assertOnce(Level.WARN, "circuit breaker listener").thrown().getMessage());
    }

    @Test
    void concurrentFailures_openExactlyOnce() throws Exception {
        CircuitBreaker b = CircuitBreaker.builder().failureThreshold(5).nanoClock(now::get)
                .listener((from, to) -> changes.add(from + ">" + to)).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 1000; i++) {
                        if (b.tryAcquire()) {
                            b.onFailure(null);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(State.OPEN, b.state());
        assertEquals(List.of("CLOSED>OPEN"), changes);
    }

    @Test
    void concurrentProbes_onlyOneWins() throws Exception {
        fail(3);
        advance(Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger admitted = new AtomicInteger();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    if (breaker.tryAcquire()) {
                        admitted.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, admitted.get());
    }

    @Test
    void builder_rejectsBadValues() {
        assertEquals("failure threshold must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> CircuitBreaker.builder().failureThreshold(0))
                        .getMessage());
        assertEquals("open duration must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> CircuitBreaker.builder().openDuration(Duration.ZERO))
                        .getMessage());
        assertThrows(NullPointerException.class, () -> CircuitBreaker.builder().nanoClock(null));
    }

    @Test
    void create_defaults() {
        CircuitBreaker b = CircuitBreaker.create();
        assertEquals(State.CLOSED, b.state());
        for (int i = 0; i < CircuitBreaker.DEFAULT_FAILURE_THRESHOLD - 1; i++) {
            b.onFailure(null);
        }
        assertEquals(State.CLOSED, b.state());
        b.onFailure(null);
        assertEquals(State.OPEN, b.state());
        assertEquals("CircuitBreaker[shared tier, OPEN, failures=5]", b.toString());
    }
}
