package io.cacheweave.runtime.tier;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Lets one log message through per interval and counts the ones held back. Lock-free. */
final class LogLimiter {
    private final long intervalNanos;
    private final AtomicLong next;
    private final LongAdder suppressed = new LongAdder();

    LogLimiter(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.next = new AtomicLong(System.nanoTime());
    }

    /** @return -1 when this message is to be held back, else how many were held back since the last one */
    long tryAcquire() {
        long now = System.nanoTime();
        long n = next.get();
        if (now - n >= 0 && next.compareAndSet(n, now + intervalNanos)) {
            return suppressed.sumThenReset();
        }
        suppressed.increment();
        return -1;
    }
}
