package io.cacheweave.runtime.tier;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Stops calling a failing tier for a while, then probes it.
 *
 * <ul>
 *   <li>{@link State#CLOSED}: every call is allowed; {@link Builder#failureThreshold(int) failureThreshold}
 *       consecutive failures open the breaker (a success in between starts the count again).</li>
 *   <li>{@link State#OPEN}: no call is allowed for {@link Builder#openDuration(Duration) openDuration}, or until
 *       the resource is {@linkplain #reachable() reachable} again; then the next {@link #tryAcquire()} moves to
 *       half-open and is the probe.</li>
 *   <li>{@link State#HALF_OPEN}: exactly one call, the probe, is allowed; its success closes the breaker, its failure
 *       opens it for another {@code openDuration}. A probe that never reports is replaced by a new one after
 *       {@code openDuration}.</li>
 * </ul>
 *
 * <p>Callers ask {@link #tryAcquire()} before each call and report its outcome with {@link #onSuccess()} or
 * {@link #onFailure(Throwable)}. Outcomes reported while open are ignored (calls that started before it opened).
 * Thread-safe and lock-free; while closed, {@code tryAcquire} is one volatile read and {@code onSuccess} one more,
 * and the clock is read only on failures and while not closed.
 *
 * <p>Each state change is counted, told to the listeners, and logged once: WARN when the breaker opens after
 * closed, INFO when it closes, DEBUG for the probe cycle in between (so a long outage logs two lines, not one per
 * probe).
 */
public final class CircuitBreaker {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(CircuitBreaker.class);

    /** Default of {@link Builder#failureThreshold(int)}. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /** Default of {@link Builder#openDuration(Duration)}. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(5);

    /** The states of a breaker. */
    public enum State {
        /** Calls go through. */
        CLOSED,
        /** Calls are skipped. */
        OPEN,
        /** One probe call goes through; the others are skipped. */
        HALF_OPEN
    }

    /** Told about every state change, in the thread that caused it, after the change. */
    @FunctionalInterface
    public interface Listener {
        /** @param from the state before @param to the state now */
        void onStateChange(State from, State to);
    }

    /** The state and when it began ({@code since} in nanos; for half-open: when the probe was let through). */
    private record Phase(State state, long since) {
    }

    private static final Phase CLOSED_PHASE = new Phase(State.CLOSED, 0);

    private final String name;
    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private final List<Listener> listeners;

    private final AtomicReference<Phase> phase = new AtomicReference<>(CLOSED_PHASE);
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong transitions = new AtomicLong();
    /** When the current outage began: the last change from closed to open. */
    private volatile long outageStart;

    private CircuitBreaker(Builder b) {
        this.name = b.name;
        this.failureThreshold = b.failureThreshold;
        this.openNanos = b.openDuration.toNanos();
        this.nanoClock = b.nanoClock;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a breaker with the defaults */
    public static CircuitBreaker create() {
        return builder().build();
    }

    /**
     * @return whether a call may go ahead now; when it returns {@code true} the caller must report the outcome with
     *     {@link #onSuccess()} or {@link #onFailure(Throwable)}
     */
    public boolean tryAcquire() {
        Phase p = phase.get();
        if (p.state == State.CLOSED) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (now - p.since < openNanos) {
            return false;
        }
        // open long enough, or a half-open probe that never reported: this call is the (new) probe
        if (!phase.compareAndSet(p, new Phase(State.HALF_OPEN, now))) {
            return false;
        }
        if (p.state == State.OPEN) {
            changed(State.OPEN, State.HALF_OPEN, null);
        }
        return true;
    }

    /** Reports a call that succeeded. */
    public void onSuccess() {
        Phase p = phase.get();
        if (p.state == State.CLOSED) {
            if (failures.get() != 0) {
                failures.set(0);
            }
        } else if (p.state == State.HALF_OPEN) {
            failures.set(0);
            if (phase.compareAndSet(p, CLOSED_PHASE)) {
                changed(State.HALF_OPEN, State.CLOSED, null);
            }
        }
    }

    /** @param cause why the call failed, for the log; may be {@code null} */
    public void onFailure(Throwable cause) {
        Phase p = phase.get();
        if (p.state == State.CLOSED) {
            if (failures.incrementAndGet() >= failureThreshold) {
                long now = nanoClock.getAsLong();
                if (phase.compareAndSet(p, new Phase(State.OPEN, now))) {
                    outageStart = now;
                    changed(State.CLOSED, State.OPEN, cause);
                }
            }
        } else if (p.state == State.HALF_OPEN) {
            failures.incrementAndGet();
            if (phase.compareAndSet(p, new Phase(State.OPEN, nanoClock.getAsLong()))) {
                changed(State.HALF_OPEN, State.OPEN, cause);
            }
        }
    }

    /**
     * Reports that the guarded resource can be reached again (for a Redis tier: a connection was made again). An open
     * breaker then lets the next call through as its probe at once, instead of after {@code openDuration}: without
     * this, calls would skip a Redis that is back for up to that long. Its outcome decides, as for any probe. Does
     * nothing while closed or half-open.
     */
    public void reachable() {
        Phase p = phase.get();
        if (p.state == State.OPEN) {
            // the open period counts as over: the next tryAcquire() becomes the probe
            phase.compareAndSet(p, new Phase(State.OPEN, nanoClock.getAsLong() - openNanos));
        }
    }

    /** @return the state now */
    public State state() {
        return phase.get().state;
    }

    /** @return consecutive failures since the last success (what the threshold is compared with) */
    public int failures() {
        return failures.get();
    }

    /** @return how many state changes there have been */
    public long transitions() {
        return transitions.get();
    }

    /** @return the name used in log messages */
    public String name() {
        return name;
    }

    /** @param listener told about every later state change */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    private void changed(State from, State to, Throwable cause) {
        transitions.incrementAndGet();
        long openMillis = openNanos / 1_000_000;
        if (from == State.CLOSED) {
            LOG.warn("cacheweave: {} circuit breaker opened after {} consecutive failures (last: {}); skipping it for "
                    + "{} ms, then probing", name, failureThreshold, cause, openMillis);
        } else if (to == State.CLOSED) {
            LOG.info("cacheweave: {} circuit breaker closed: the probe succeeded after {} ms of outage", name,
                    (nanoClock.getAsLong() - outageStart) / 1_000_000);
        } else if (to == State.OPEN) {
            LOG.debug("cacheweave: {} circuit breaker probe failed ({}); skipping it for another {} ms", name, cause,
                    openMillis);
        } else {
            LOG.debug("cacheweave: {} circuit breaker half-open: probing", name);
        }
        for (Listener listener : listeners) {
            try {
                listener.onStateChange(from, to);
            } catch (RuntimeException e) {
                LOG.warn("cacheweave: circuit breaker listener {} failed", listener, e);
            }
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + ", failures=" + failures() + "]";
    }

    /** Builds a {@link CircuitBreaker}. */
    public static final class Builder {
        private String name = "shared tier";
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private Duration openDuration = DEFAULT_OPEN_DURATION;
        private LongSupplier nanoClock = System::nanoTime;
        private final List<Listener> listeners = new CopyOnWriteArrayList<>();

        private Builder() {
        }

        /** @param name names the guarded tier in log messages, e.g. "redis" @return this builder */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name must not be null");
            return this;
        }

        /** @param failureThreshold consecutive failures that open the breaker, at least 1 @return this builder */
        public Builder failureThreshold(int failureThreshold) {
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failure threshold must be at least 1: " + failureThreshold);
            }
            this.failureThreshold = failureThreshold;
            return this;
        }

        /** @param openDuration how long the breaker stays open before a probe, positive @return this builder */
        public Builder openDuration(Duration openDuration) {
            Objects.requireNonNull(openDuration, "open duration must not be null");
            if (openDuration.isNegative() || openDuration.isZero()) {
                throw new IllegalArgumentException("open duration must be positive: " + openDuration);
            }
            this.openDuration = openDuration;
            return this;
        }

        /** @param nanoClock a monotonic clock in nanoseconds ({@link System#nanoTime()}; tests pass their own) */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nano clock must not be null");
            return this;
        }

        /** @param listener told about every state change; may be called more than once @return this builder */
        public Builder listener(Listener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /** @return a closed breaker */
        public CircuitBreaker build() {
            return new CircuitBreaker(this);
        }
    }
}
