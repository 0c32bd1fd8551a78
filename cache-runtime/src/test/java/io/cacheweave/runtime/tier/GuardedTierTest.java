package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.cacheweave.runtime.tier.CircuitBreaker.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Error paths of {@link GuardedTier}, against a mocked tier. */
class GuardedTierTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final byte[] VALUE = {1, 2, 3};

    private final AtomicLong now = new AtomicLong();
    private final SharedTier delegate = mock(SharedTier.class);
    private final CircuitBreaker breaker = CircuitBreaker.builder().failureThreshold(2)
            .openDuration(Duration.ofSeconds(1)).nanoClock(now::get).build();
    private final GuardedTier tier = new GuardedTier(delegate, breaker);

    {
        when(delegate.ready()).thenReturn(true); // a mock answers false: a tier that never connected
    }

    /** A tier that tells of a new connection while the breaker is open is called again at once, as the probe. */
    @Test
    void reconnectedTier_isProbedAtOnce_insteadOfAfterTheOpenPeriod() {
        org.mockito.ArgumentCaptor<Runnable> connected = org.mockito.ArgumentCaptor.forClass(Runnable.class);
        verify(delegate).onConnected(connected.capture());
        when(delegate.get("k")).thenThrow(new TierException("down"));
        tier.get("k");
        tier.get("k");
        assertEquals(State.OPEN, breaker.state());
        assertNull(tier.get("k"));
        verify(delegate, times(2)).get("k"); // skipped while open

        org.mockito.Mockito.reset(delegate);
        when(delegate.ready()).thenReturn(true);
        when(delegate.get("k")).thenReturn(new SharedTier.StoredValue(VALUE, 60_000));
        connected.getValue().run(); // the tier's client connected again; no time has passed
        assertArrayEquals(VALUE, tier.get("k").bytes());
        assertEquals(State.CLOSED, breaker.state());
    }

    /** A tier that has not made its first connection is skipped without being called: nothing is prepared for it. */
    @Test
    void notReadyYet_isSkippedWithoutACall_andTheBreakerStaysClosed() {
        when(delegate.ready()).thenReturn(false);

        assertNull(tier.get("k"));
        tier.put("k", VALUE, TTL);

        verify(delegate, never()).get(anyString());
        verify(delegate, never()).put(anyString(), any(), any());
        assertEquals(2, tier.skipped());
        assertEquals(0, tier.errors() + tier.timeouts());
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void success_passesThrough() {
        SharedTier.StoredValue stored = new SharedTier.StoredValue(VALUE, 1000);
        when(delegate.get("k")).thenReturn(stored);
        when(delegate.getAll(List.of("k"))).thenReturn(Map.of("k", stored));
        when(delegate.delete(List.of("k"))).thenReturn(1L);
        when(delegate.deleteMatching("k*")).thenReturn(7L);
        assertSame(stored, tier.get("k"));
        assertEquals(Map.of("k", stored), tier.getAll(List.of("k")));
        tier.put("k", VALUE, TTL);
        tier.putAll(Map.of("k", VALUE), TTL);
        assertEquals(1, tier.delete(List.of("k")));
        assertEquals(7, tier.deleteMatching("k*"));
        verify(delegate).put("k", VALUE, TTL);
        verify(delegate).putAll(Map.of("k", VALUE), TTL);
        assertEquals(0, tier.errors() + tier.timeouts() + tier.skipped());
    }

    @Test
    void everyMethod_exceptionBecomesMissOrNoOp() {
        CircuitBreaker never = CircuitBreaker.builder().failureThreshold(100).build();
        GuardedTier guarded = new GuardedTier(delegate, never);
        TierException down = new TierException("down");
        when(delegate.get(anyString())).thenThrow(down);
        when(delegate.getAll(anyList())).thenThrow(down);
        doThrow(down).when(delegate).put(anyString(), any(), any());
        doThrow(down).when(delegate).putAll(anyMap(), any());
        when(delegate.delete(any())).thenThrow(new IllegalStateException("bug"));
        when(delegate.deleteMatching(anyString())).thenThrow(new AssertionError("even errors"));

        assertNull(guarded.get("k"));
        assertEquals(Map.of(), guarded.getAll(List.of("k")));
        guarded.put("k", VALUE, TTL);
        guarded.putAll(Map.of("k", VALUE), TTL);
        assertEquals(0, guarded.delete(Set.of("k")));
        assertEquals(0, guarded.deleteMatching("k*"));
        assertEquals(6, guarded.errors());
        assertEquals(0, guarded.timeouts());
    }

    @Test
    void timeouts_countedApart() {
        when(delegate.get("a")).thenThrow(new TierTimeoutException("slow", null));
        when(delegate.get("b")).thenThrow(new TierException("wrapped", new TimeoutException()));
        when(delegate.get("c")).thenThrow(new TierException("refused"));
        GuardedTier guarded = new GuardedTier(delegate, CircuitBreaker.builder().failureThreshold(100).build());
        guarded.get("a");
        guarded.get("b");
        guarded.get("c");
        assertEquals(2, guarded.timeouts());
        assertEquals(1, guarded.errors());
    }

    @Test
    void breakerOpen_tierSkippedWithoutCalls() {
        when(delegate.get("k")).thenThrow(new TierException("down"));
        tier.get("k");
        tier.get("k");
        assertEquals(State.OPEN, breaker.state());

        assertNull(tier.get("k"));
        assertEquals(Map.of(), tier.getAll(List.of("k")));
        tier.put("k", VALUE, TTL);
        tier.putAll(Map.of("k", VALUE), TTL);
        assertEquals(0, tier.delete(List.of("k")));
        assertEquals(0, tier.deleteMatching("*"));
        verify(delegate, times(2)).get("k");
        verify(delegate, never()).put(anyString(), any(), any());
        verify(delegate, never()).deleteMatching(anyString());
        assertEquals(6, tier.skipped());
    }

    @Test
    void halfOpenProbe_successCloses_failureReopens() {
        when(delegate.get("k")).thenThrow(new TierException("down")).thenThrow(new TierException("down"))
                .thenThrow(new TierException("still down")).thenReturn(new SharedTier.StoredValue(VALUE, -1));
        tier.get("k");
        tier.get("k");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertNull(tier.get("k")); // the probe fails
        assertEquals(State.OPEN, breaker.state());
        assertNull(tier.get("k")); // skipped
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertArrayEquals(VALUE, tier.get("k").bytes()); // the probe succeeds
        assertEquals(State.CLOSED, breaker.state());
        verify(delegate, times(4)).get("k");
    }

    @Test
    void emptyArguments_neverReachTheTier() {
        assertEquals(Map.of(), tier.getAll(List.of()));
        tier.putAll(Map.of(), TTL);
        assertEquals(0, tier.delete(List.of()));
        verify(delegate, never()).getAll(anyList());
        verify(delegate, never()).putAll(anyMap(), any());
        verify(delegate, never()).delete(any());
    }

    @Test
    void nullFromGetAll_becomesEmptyMap() {
        when(delegate.getAll(anyList())).thenReturn(null);
        assertEquals(Map.of(), tier.getAll(List.of("k")));
    }

    @Test
    void virtualMachineError_passesThrough() {
        when(delegate.get("k")).thenThrow(new OutOfMemoryError("test"));
        assertThrows(OutOfMemoryError.class, () -> tier.get("k"));
        assertEquals(1, breaker.failures());
    }

    @Test
    void close_swallowsFailures() {
        doThrow(new TierException("close failed")).when(delegate).close();
        tier.close();
        verify(delegate).close();
        assertEquals("close failed", logs.assertOnce(Level.WARN, "closing shared tier").thrown().getMessage());
    }

    @Test
    void isTimeout_followsCauses() {
        assertEquals(true, GuardedTier.isTimeout(new RuntimeException(new TierTimeoutException("x", null))));
        assertEquals(false, GuardedTier.isTimeout(new RuntimeException("x")));
    }
}
