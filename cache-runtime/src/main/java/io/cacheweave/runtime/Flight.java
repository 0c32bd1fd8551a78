package io.cacheweave.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One load in progress for one key: the caller that claimed it runs the method (or a programmatic cache's loader),
 * the others wait for its outcome. The token the advice carries from enter to exit when the body must run.
 */
final class Flight {
    /** The engine the load runs in. */
    final CacheCore<?> core;
    final Object key;
    /** The engine's epoch and the key's version when the load began (see {@link CacheCore#keep}). */
    final long epoch;
    final long version;
    final Thread owner;
    final long startNanos;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile MemoryEntry outcome;
    /** The distributed lease this load runs under, released once the value is stored; or {@code null}. */
    volatile DistributedLeases.Held lease;
    /** The logical key text, once rendered for the shared tier (rendered once per load). */
    String logicalKey;
    /** What the load's shared-tier write uses ({@link CacheCore#pin}); {@code null}: read at the write. */
    CacheCore.Pin pin;

    Flight(CacheCore<?> core, Object key, long epoch, long version) {
        this.core = core;
        this.key = key;
        this.epoch = epoch;
        this.version = version;
        this.owner = Thread.currentThread();
        this.startNanos = System.nanoTime();
    }

    /** Releases the distributed lease, if any; never throws. */
    void releaseLease() {
        DistributedLeases.Held held = lease;
        if (held != null) {
            lease = null;
            held.release();
        }
    }

    void finish(MemoryEntry result) {
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
    MemoryEntry await(long maxWaitNanos) {
        try {
            return done.await(maxWaitNanos, TimeUnit.NANOSECONDS) ? outcome : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
