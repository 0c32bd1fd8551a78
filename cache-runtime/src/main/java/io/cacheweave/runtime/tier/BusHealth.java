package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.CacheClock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Whether this node may serve its memory tier: only while its invalidation bus has proved, within the last
 * {@code maxStaleness}, that every invalidation published before then has been applied here. The bus proves it with
 * heartbeats ({@link RedisInvalidationBus} sends {@code PING} on its subscription connection; Redis answers after
 * every message it published to that connection before, and the answer is handled after those messages were
 * applied), and withdraws it the moment the connection is known lost.
 *
 * <p>So an invalidation whose {@code PUBLISH} was answered at time {@code t} is never missed by a memory-tier hit
 * after {@code t + maxStaleness}: either a heartbeat sent after {@code t} was answered, and then the message was
 * applied before it, or none was, and then the memory tier is no longer served. That holds when messages are lost
 * and when the network fails silently.
 *
 * <p>The hit path calls {@link #servesMemoryTier()}: two volatile reads and a compare, no allocation, while the
 * last proof leaves more than half of {@code maxStaleness} to go, as it does while heartbeats (every quarter of
 * it) are answered. Time is the coarse clock's ({@link CacheClock#coarse()}), real time, whatever clock a runtime
 * measures expiry with; but the coarse clock lags behind when its thread is not scheduled (45 ms measured on a
 * busy 2-core machine), so within the last half the hit path reads {@link System#nanoTime()} itself: the bound
 * then holds unless the coarse clock lags by more than half of {@code maxStaleness}.
 */
public final class BusHealth {
    private final CacheClock clock;
    /** The precise reading of the same time as {@link #clock}: {@link System#nanoTime()} for the coarse clock. */
    private final LongSupplier precise;
    private final long maxStalenessNanos;
    /** Within this much of {@link #servableUntil} the coarse clock is not trusted alone: half of max staleness. */
    private final long marginNanos;
    private final LongAdder bypasses = new LongAdder();
    private final LongAdder losses = new LongAdder();
    /** Memory-tier entries may be served while the clock reads less than this. */
    private volatile long servableUntil;
    /** Guarded by this: bumped by every lost connection, so a heartbeat sent before it cannot count after it. */
    private long connection;
    /** Guarded by this: the connection whose subscription was last confirmed, -1 for none. */
    private long subscribedConnection = -1;

    /** @param maxStaleness how long after its last proof the memory tier may still be served; positive */
    public BusHealth(Duration maxStaleness) {
        this(CacheClock.coarse(), System::nanoTime, maxStaleness);
    }

    /** A health on a clock of the test's, which is its own precise reading. */
    BusHealth(CacheClock clock, Duration maxStaleness) {
        this(clock, clock::nanos, maxStaleness);
    }

    /**
     * @param clock what the hit path reads, such as the coarse clock
     * @param precise the same time read precisely, when {@code clock} may lag behind it
     */
    BusHealth(CacheClock clock, LongSupplier precise, Duration maxStaleness) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.precise = Objects.requireNonNull(precise, "precise must not be null");
        Objects.requireNonNull(maxStaleness, "maxStaleness must not be null");
        if (maxStaleness.isNegative() || maxStaleness.isZero()) {
            throw new IllegalArgumentException("max staleness must be positive: " + maxStaleness);
        }
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.marginNanos = maxStalenessNanos / 2;
        this.servableUntil = clock.nanos() - 1;
    }

    /** @return whether memory-tier entries may be served now */
    public boolean servesMemoryTier() {
        long until = servableUntil;
        long left = until - clock.nanos();
        return left > marginNanos || left > 0 && until - precise.getAsLong() > 0;
    }

    /** Counts a memory-tier entry that was found but not served, because of this health. */
    public void bypassed() {
        bypasses.increment();
    }

    /** @return memory-tier entries found but not served, because the bus was not known healthy */
    public long bypasses() {
        return bypasses.sum();
    }

    /** @return how often the subscription connection was known lost */
    public long losses() {
        return losses.sum();
    }

    /** @return the bound this health keeps */
    public Duration maxStaleness() {
        return Duration.ofNanos(maxStalenessNanos);
    }

    /** @return the reading of this health's clock, to stamp a heartbeat with before it is sent */
    long now() {
        return clock.nanos();
    }

    /** @return the current connection, to stamp a heartbeat with before it is sent */
    synchronized long connection() {
        return connection;
    }

    /**
     * The subscription of {@code connection} was confirmed (after this node's memory tier was cleared of what it may
     * have missed). Heartbeats of that connection count from now on.
     */
    synchronized void subscribed(long connection) {
        if (connection == this.connection) {
            subscribedConnection = connection;
        }
    }

    /**
     * A heartbeat sent at {@code sentAt} on {@code connection} was answered, and every message received before the
     * answer was applied. Ignored when the connection was lost since, or its subscription is not confirmed.
     */
    synchronized void heartbeat(long connection, long sentAt) {
        if (connection == this.connection && subscribedConnection == connection) {
            long until = sentAt + maxStalenessNanos;
            if (until - servableUntil > 0) {
                servableUntil = until;
            }
        }
    }

    /** The connection is known lost: stop serving the memory tier at once. */
    synchronized void lost() {
        connection++;
        subscribedConnection = -1;
        losses.increment();
        servableUntil = clock.nanos() - 1;
    }

    @Override
    public String toString() {
        return "BusHealth[max staleness " + Duration.ofNanos(maxStalenessNanos).toMillis() + " ms, "
                + (servesMemoryTier() ? "serving" : "not serving") + " the memory tier]";
    }
}
