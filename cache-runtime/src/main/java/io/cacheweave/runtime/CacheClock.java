package io.cacheweave.runtime;

import io.cacheweave.runtime.internal.CoarseClock;

/**
 * The time source of expiry. Reading {@link System#nanoTime()} on every hit costs more than the whole memory-tier
 * lookup, so the default clock is coarse: a value refreshed about once a millisecond by a daemon thread. Tests
 * inject a {@code ManualClock} (cache-runtime's test-jar) instead of sleeping.
 */
public abstract class CacheClock {

    /** For subclasses. */
    protected CacheClock() {
    }

    /** @return the shared coarse clock, millisecond resolution, monotonic like {@link System#nanoTime()} */
    public static CacheClock coarse() {
        return CoarseClock.INSTANCE;
    }

    /** @return the current reading in nanoseconds; only differences between readings mean anything */
    public abstract long nanos();
}
