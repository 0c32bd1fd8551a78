package io.cacheweave.runtime.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * What the {@link OperationCounters} of one runtime share: whether detailed recording is on, the clock, the
 * latency window's shape, the value size tiers, the observers, the top-key sketch and the invalidation rate. One per
 * runtime; the counters of every operation (woven methods, programmatic caches) record through it.
 */
public final class Recording {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(Recording.class);

    /** Detailed recording off: the plain counters only, no clock. */
    public static final Recording OFF = new Recording(false, () -> 0L, Duration.ofSeconds(10), 6, 500, 5000, 10);

    private final boolean enabled;
    private final LongSupplier clock;
    private final long slotNanos;
    private final int slots;
    private final int mediumBytes;
    private final int largeBytes;
    private final int xlargeBytes;
    private final long wallBaseNanos;
    private final long clockBase;
    private final List<CacheObserver> observers = new CopyOnWriteArrayList<>();
    private final Set<Class<?>> failedObservers = ConcurrentHashMap.newKeySet();
    private final TopKeys topKeys;
    private final long[] rateEpochs = new long[60]; // one-second slots: invalidations in the last minute
    private final long[] rateCounts = new long[60];

    /**
     * @param enabled whether anything beyond the plain counters is recorded
     * @param clock the runtime's clock, nanoseconds
     * @param slot the history interval: one slot of every latency window
     * @param slots slots per latency window
     * @param mediumBytes JSON payloads at least this long are {@code medium}
     * @param largeBytes JSON payloads at least this long are {@code large}
     * @param topKeys keys to report; the sketch keeps ten times as many counters
     */
    public Recording(boolean enabled, LongSupplier clock, Duration slot, int slots, int mediumBytes, int largeBytes,
            int topKeys) {
        this(enabled, clock, slot, slots, mediumBytes, largeBytes, 50_000, topKeys);
    }

    /**
     * @param enabled whether anything beyond the plain counters is recorded
     * @param clock the runtime's clock, nanoseconds
     * @param slot the history interval: one slot of every latency window
     * @param slots slots per latency window
     * @param mediumBytes JSON payloads at least this long are {@code medium}
     * @param largeBytes JSON payloads at least this long are {@code large}
     * @param xlargeBytes JSON payloads at least this long are {@code xlarge}
     * @param topKeys keys to report; the sketch keeps ten times as many counters
     */
    public Recording(boolean enabled, LongSupplier clock, Duration slot, int slots, int mediumBytes, int largeBytes,
            int xlargeBytes, int topKeys) {
        this.enabled = enabled;
        this.clock = clock;
        this.slotNanos = slot.toNanos();
        this.slots = slots;
        this.mediumBytes = mediumBytes;
        this.largeBytes = Math.max(largeBytes, mediumBytes);
        this.xlargeBytes = Math.max(xlargeBytes, this.largeBytes);
        this.clockBase = clock.getAsLong();
        Instant now = Instant.now();
        this.wallBaseNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.topKeys = new TopKeys(Math.max(1, topKeys) * 10);
        java.util.Arrays.fill(rateEpochs, Long.MIN_VALUE);
    }

    /** @return whether anything beyond the plain counters is recorded */
    public boolean enabled() {
        return enabled;
    }

    /** @return the clock reading now */
    public long now() {
        return clock.getAsLong();
    }

    /** @return {@code clockReading} as nanoseconds since the epoch */
    public long epochNanos(long clockReading) {
        return wallBaseNanos + (clockReading - clockBase);
    }

    /** @return {@code clockReading} as an instant */
    public Instant instant(long clockReading) {
        long n = epochNanos(clockReading);
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    /** @return a new latency window of this runtime's shape */
    public LatencyWindow newWindow() {
        return new LatencyWindow(slotNanos, slots);
    }

    /** @return the window's length */
    public Duration window() {
        return Duration.ofNanos(slotNanos * slots);
    }

    /** @return 0 to 3: {@code small}, {@code medium}, {@code large} or {@code xlarge} for a JSON payload of that size */
    public int sizeTier(int rawBytes) {
        return rawBytes >= xlargeBytes ? 3 : rawBytes >= largeBytes ? 2 : rawBytes >= mediumBytes ? 1 : 0;
    }

    /** @return the top-key sketch */
    public TopKeys topKeys() {
        return topKeys;
    }

    /** Counts one invalidation request (of any number of operations) for the runtime-wide rate. */
    public synchronized void invalidationEvent() {
        long second = Math.floorDiv(now(), 1_000_000_000L);
        int i = (int) Math.floorMod(second, 60L);
        if (rateEpochs[i] != second) {
            rateEpochs[i] = second;
            rateCounts[i] = 0;
        }
        rateCounts[i]++;
    }

    /** @return invalidations in the last minute */
    public synchronized long invalidationsLastMinute() {
        long second = Math.floorDiv(now(), 1_000_000_000L);
        long sum = 0;
        for (int i = 0; i < 60; i++) {
            if (rateEpochs[i] > second - 60 && rateEpochs[i] <= second) {
                sum += rateCounts[i];
            }
        }
        return sum;
    }

    /** @return the observers */
    public List<CacheObserver> observers() {
        return observers;
    }

    /** @return whether any observer is registered (so callers can skip building an event) */
    public boolean observed() {
        return !observers.isEmpty();
    }

    /** Tells every observer; one that throws is logged once per class and otherwise ignored. */
    public void fire(Consumer<CacheObserver> event) {
        for (CacheObserver o : observers) {
            try {
                event.accept(o);
            } catch (RuntimeException e) {
                if (failedObservers.add(o.getClass())) {
                    LOG.warn("cacheweave: cache observer {} failed; its failures are ignored", o, e);
                }
            }
        }
    }
}
