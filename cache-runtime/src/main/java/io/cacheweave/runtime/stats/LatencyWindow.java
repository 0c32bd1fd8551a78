package io.cacheweave.runtime.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency percentiles over a sliding window, in bounded memory: a ring of {@code slots} histograms, each covering
 * {@code slotNanos} of clock time; the window is the ring. A slot older than the window is cleared when its turn
 * comes again, so nothing grows with the number of measurements.
 *
 * <p>Each histogram is log-linear: values below {@value #SUB} nanoseconds are exact, larger ones fall into one of
 * {@value #SUB} equal buckets per power of two (relative width 1/{@value #SUB}, reported at the bucket's middle, so
 * a percentile is within about 6% of the true value); values above 2^{@value #MAX_POWER} ns (about 68 s) share the
 * last bucket. One slot is {@value #BUCKETS} counters (2.2 KiB), allocated on the slot's first measurement. The
 * exact maximum is kept per slot. Thread-safe; a measurement that races with the clearing of its slot may be lost.
 */
public final class LatencyWindow {
    static final int SUB = 8;
    static final int SUB_BITS = 3;
    static final int MAX_POWER = 36;
    static final int BUCKETS = (MAX_POWER - SUB_BITS + 2) * SUB;

    private final long slotNanos;
    private final Slot[] slots;

    /**
     * @param slotNanos clock time one slot covers, positive
     * @param slots slots in the ring, at least 1; the window is {@code slotNanos * slots}
     */
    public LatencyWindow(long slotNanos, int slots) {
        if (slotNanos <= 0) {
            throw new IllegalArgumentException("slot length must be positive: " + slotNanos);
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1: " + slots);
        }
        this.slotNanos = slotNanos;
        this.slots = new Slot[slots];
        for (int i = 0; i < slots; i++) {
            this.slots[i] = new Slot();
        }
    }

    /**
     * @param nanos a measured duration; negative values count as 0
     * @param now the clock reading when it was measured
     */
    public void record(long nanos, long now) {
        long epoch = Math.floorDiv(now, slotNanos);
        Slot slot = slots[(int) Math.floorMod(epoch, (long) slots.length)];
        slot.record(Math.max(0, nanos), epoch);
    }

    /** @param now the clock reading @return the percentiles of every slot within the window ending now */
    public MonitorSnapshot.Latency latency(long now) {
        long epoch = Math.floorDiv(now, slotNanos);
        return merge(epoch - slots.length + 1, epoch);
    }

    /**
     * @param now the clock reading
     * @return the percentiles of the last complete slot before the one {@code now} falls in (for history samples)
     */
    public MonitorSnapshot.Latency previousSlot(long now) {
        long epoch = Math.floorDiv(now, slotNanos) - 1;
        return merge(epoch, epoch);
    }

    /** @return the mean of the measurements in the window ending {@code now}, 0 when there are none */
    public double mean(long now) {
        long epoch = Math.floorDiv(now, slotNanos);
        long count = 0;
        long sum = 0;
        for (Slot s : slots) {
            if (s.epoch >= epoch - slots.length + 1 && s.epoch <= epoch && s.counts != null) {
                count += s.count.get();
                sum += s.sum.get();
            }
        }
        return count == 0 ? 0.0 : (double) sum / count;
    }

    private MonitorSnapshot.Latency merge(long fromEpoch, long toEpoch) {
        long[] merged = new long[BUCKETS];
        long count = 0;
        long max = 0;
        for (Slot s : slots) {
            AtomicLongArray counts = s.counts;
            if (counts == null || s.epoch < fromEpoch || s.epoch > toEpoch) {
                continue;
            }
            for (int i = 0; i < BUCKETS; i++) {
                long c = counts.get(i);
                merged[i] += c;
                count += c;
            }
            max = Math.max(max, s.max.get());
        }
        if (count == 0) {
            return MonitorSnapshot.Latency.NONE;
        }
        return new MonitorSnapshot.Latency(count, percentile(merged, count, 0.50, max),
                percentile(merged, count, 0.95, max), percentile(merged, count, 0.99, max), max);
    }

    private static long percentile(long[] buckets, long count, double q, long max) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return Math.min(max, middle(i));
            }
        }
        return max;
    }

    /** @return the bucket of a non-negative value */
    static int bucket(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int power = 63 - Long.numberOfLeadingZeros(v);
        if (power > MAX_POWER) {
            return BUCKETS - 1;
        }
        int sub = (int) (v >>> (power - SUB_BITS)) & (SUB - 1);
        return (power - SUB_BITS + 1) * SUB + sub;
    }

    /** @return the middle value of a bucket */
    static long middle(int bucket) {
        if (bucket < SUB) {
            return bucket;
        }
        int power = bucket / SUB + SUB_BITS - 1;
        long width = 1L << (power - SUB_BITS);
        long low = (1L << power) + (bucket % SUB) * width;
        return low + width / 2;
    }

    private static final class Slot {
        volatile long epoch = Long.MIN_VALUE;
        volatile AtomicLongArray counts;
        final AtomicLong count = new AtomicLong();
        final AtomicLong sum = new AtomicLong();
        final AtomicLong max = new AtomicLong();

        void record(long nanos, long now) {
            if (epoch != now || counts == null) {
                turn(now);
            }
            counts.incrementAndGet(bucket(nanos));
            count.incrementAndGet();
            sum.addAndGet(nanos);
            max.accumulateAndGet(nanos, Math::max);
        }

        private synchronized void turn(long now) {
            if (counts == null) {
                counts = new AtomicLongArray(BUCKETS);
            } else if (epoch != now) {
                for (int i = 0; i < BUCKETS; i++) {
                    counts.set(i, 0);
                }
            } else {
                return;
            }
            count.set(0);
            sum.set(0);
            max.set(0);
            epoch = now;
        }
    }
}
