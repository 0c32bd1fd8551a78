package io.cacheweave.runtime.testing;

import io.cacheweave.runtime.CacheClock;
import java.time.Duration;

/**
 * A clock that moves only when told to, for tests of expiry. Thread-safe. A test aid: it ships in cache-runtime's
 * test-jar ({@code <type>test-jar</type>}), not in the runtime.
 */
public final class ManualClock extends CacheClock {
    private volatile long nanos;

    /** Starts at an arbitrary reading. */
    public ManualClock() {
        this.nanos = 1_000_000_000L;
    }

    @Override
    public long nanos() {
        return nanos;
    }

    /**
     * @param amount how far to move forward; must not be negative
     * @return this clock
     */
    public synchronized ManualClock advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a clock must not move backwards: " + amount);
        }
        nanos += amount.toNanos();
        return this;
    }
}
