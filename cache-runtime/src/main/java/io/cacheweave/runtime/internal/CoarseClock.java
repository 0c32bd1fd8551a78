package io.cacheweave.runtime.internal;

import io.cacheweave.runtime.CacheClock;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link System#nanoTime()} sampled about once a millisecond by one daemon thread, so that a cache hit reads a
 * volatile field instead of the OS clock. Expiry is accurate to about a millisecond.
 */
public final class CoarseClock extends CacheClock {

    /** The one instance; its thread starts with the class. */
    public static final CoarseClock INSTANCE = new CoarseClock();

    private static final long TICK_NANOS = 1_000_000L;

    private volatile long nanos = System.nanoTime();

    private CoarseClock() {
        Thread ticker = new Thread(this::tick, "cacheweave-clock");
        ticker.setDaemon(true);
        ticker.start();
    }

    private void tick() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            nanos = System.nanoTime();
        }
    }

    @Override
    public long nanos() {
        return nanos;
    }
}
