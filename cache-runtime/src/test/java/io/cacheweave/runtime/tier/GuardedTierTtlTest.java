package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time-to-live and listing calls of {@link GuardedTier}: passed through, and fail-open fallbacks. */
class GuardedTierTtlTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final SharedTier delegate = mock(SharedTier.class);
    private final GuardedTier tier = new GuardedTier(delegate,
            CircuitBreaker.builder().failureThreshold(100).build());

    {
        when(delegate.ready()).thenReturn(true); // a mock answers false: a tier that never connected
    }

    @Test
    void success_passesThrough() {
        when(delegate.remainingMillis("k")).thenReturn(1234L);
        when(delegate.extendTtl("k", MINUTE)).thenReturn(true);
        when(delegate.keys("k*", 10)).thenReturn(List.of("k1", "k2"));
        when(delegate.cleanupExpired("k*")).thenReturn(3L);
        assertEquals(1234L, tier.remainingMillis("k"));
        assertTrue(tier.extendTtl("k", MINUTE));
        assertEquals(List.of("k1", "k2"), tier.keys("k*", 10));
        assertEquals(3L, tier.cleanupExpired("k*"));
        assertEquals(0, tier.errors());
    }

    @Test
    void failures_becomeAbsentFalseEmptyAndZero() {
        TierException down = new TierException("down");
        when(delegate.remainingMillis(anyString())).thenThrow(down);
        when(delegate.extendTtl(anyString(), any())).thenThrow(down);
        when(delegate.keys(anyString(), anyInt())).thenThrow(new UnsupportedOperationException("no listing"));
        when(delegate.cleanupExpired(anyString())).thenThrow(down);
        assertEquals(SharedTier.ABSENT, tier.remainingMillis("k"));
        assertFalse(tier.extendTtl("k", MINUTE));
        assertEquals(List.of(), tier.keys("k*", 10));
        assertEquals(0L, tier.cleanupExpired("k*"));
        assertEquals(4, tier.errors());
    }
}
