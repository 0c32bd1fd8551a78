package io.cacheweave.runtime;

import io.cacheweave.runtime.tier.CircuitBreaker;
import io.cacheweave.runtime.tier.TierException;

/**
 * What went wrong with the shared tier during one {@link StrictCache} call, on the calling thread. The guard tells
 * {@link SharedTierAccess}, which tells this; outside a strict call nothing is recorded (one thread-local read).
 */
final class StrictCalls {
    private static final ThreadLocal<StrictCalls> CURRENT = new ThreadLocal<>();

    private String tier;
    private Throwable failure;

    private StrictCalls() {
    }

    /** @return a recorder for the calling thread, until {@link #close()} */
    static StrictCalls begin() {
        StrictCalls calls = new StrictCalls();
        CURRENT.set(calls);
        return calls;
    }

    /** @return the calling thread's recorder, or {@code null} outside a strict call */
    static StrictCalls current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code action} (on another thread, for a caller that waits for it) recording into the caller's
     * recorder {@code calls}; just runs it when {@code calls} is {@code null}.
     */
    static <T> T recordingInto(StrictCalls calls, java.util.function.Supplier<T> action) {
        if (calls == null) {
            return action.get();
        }
        CURRENT.set(calls);
        try {
            return action.get();
        } finally {
            CURRENT.remove();
        }
    }

    static void failed(String tier, Throwable failure) {
        StrictCalls calls = CURRENT.get();
        if (calls != null && calls.failure == null) {
            calls.tier = tier;
            calls.failure = failure;
        }
    }

    static void skipped(String tier, CircuitBreaker breaker) {
        StrictCalls calls = CURRENT.get();
        if (calls != null && calls.failure == null) {
            calls.tier = tier;
            calls.failure = new TierException("the circuit breaker " + breaker.name() + " is open after repeated "
                    + "failures; the call was not sent");
        }
    }

    /** @return the first failure recorded, or {@code null} */
    Throwable failure() {
        return failure;
    }

    /** @return the tier that failed, {@code redis}, {@code file} or {@code shared} */
    String tier() {
        return tier;
    }

    void close() {
        CURRENT.remove();
    }
}
