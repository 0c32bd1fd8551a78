package io.cacheweave.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One load in progress for one key: the caller that claimed it runs the method (or a programmatic cache's loader),
 * the others wait for its outcome. The token the advice carries from enter to exit when the body must run.
 */
final class Flight {
    final MethodCache.State state;
    final Object key;
    final long epoch;
    final Thread owner;
    final long startNanos;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile CachedValue outcome;
    /** The distributed lease this load runs under, released once the value is stored; or {@code null}. */
    volatile DistributedLeases.Held lease;
    /** The logical key text, once rendered for the shared tier (rendered once per load). */
    String logicalKey;

    Flight(MethodCache.State state, Object key, long epoch) {
        this.state = state;
        this.key = key;
        this.epoch = epoch;
        this.owner = Thread.currentThread();
        this.startNanos = System.nanoTime();
    }

    /** A load of a programmatic cache ({@link CacheLoads}), which keeps no method state. */
    Flight(Object key, long epoch) {
        this(null, key, epoch);
    }

    /** Releases the distributed lease, if any; never throws. */
    void releaseLease() {
        DistributedLeases.Held held = lease;
        if (held != null) {
            lease = null;
            held.release();
        }
    }

    void finish(CachedValue result) {
        outcome = result;
        done.countDown();
    }

    /** @return whether the outcome is known (for a future-returning method: the future was handed out) */
    boolean isFinished() {
        return done.getCount() == 0;
    }

    /**
     * @return the outcome, or {@code null} if it did not come within {@code maxWaitNanos} or the wait was
     *     interrupted (the interrupt flag is kept)
     */
    CachedValue await(long maxWaitNanos) {
        try {
            return done.await(maxWaitNanos, TimeUnit.NANOSECONDS) ? outcome : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
