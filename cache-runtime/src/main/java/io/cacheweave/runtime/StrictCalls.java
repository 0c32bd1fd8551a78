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
