package io.cacheweave.runtime.config;

import io.cacheweave.runtime.tier.CircuitBreaker;
import java.time.Duration;
import java.util.Objects;

/**
 * The circuit breaker in front of the shared tier, Redis or files ({@code cacheweave.breaker.*}). Part of
 * {@link Settings}: {@link Settings#breaker()}. Immutable: {@link #builder()}, {@link #create()} (the defaults,
 * the breaker's own: {@link CircuitBreaker#DEFAULT_FAILURE_THRESHOLD}, {@link CircuitBreaker#DEFAULT_OPEN_DURATION}),
 * {@link #mutate()}.
 */
public final class BreakerSettings {

    private static final BreakerSettings DEFAULTS = builder().build();

    private final int failureThreshold;
    private final Duration openDuration;

    private BreakerSettings(Builder b) {
        failureThreshold = b.failureThreshold;
        openDuration = b.openDuration;
    }

    /** @return the defaults */
    public static BreakerSettings create() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder mutate() {
        return new Builder(this);
    }

    /** @return {@code cacheweave.breaker.failure-threshold}: consecutive failures that open the breaker; default 5 */
    public int failureThreshold() {
        return failureThreshold;
    }

    /**
     * @return {@code cacheweave.breaker.open-duration}: how long an open breaker waits before a probe, unless the tier
     *     connects again first; default 5 s
     */
    public Duration openDuration() {
        return openDuration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BreakerSettings b && failureThreshold == b.failureThreshold
                && openDuration.equals(b.openDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureThreshold, openDuration);
    }

    @Override
    public String toString() {
        return "breaker.failure-threshold=" + failureThreshold + ", breaker.open-duration=" + openDuration;
    }

    /** Builds {@link BreakerSettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private int failureThreshold = CircuitBreaker.DEFAULT_FAILURE_THRESHOLD;
        private Duration openDuration = CircuitBreaker.DEFAULT_OPEN_DURATION;

        private Builder() {
        }

        private Builder(BreakerSettings s) {
            failureThreshold = s.failureThreshold;
            openDuration = s.openDuration;
        }

        /** @param failures see {@link BreakerSettings#failureThreshold()}, positive @return this builder */
        public Builder failureThreshold(int failures) {
            this.failureThreshold = Checks.positive("breaker.failure-threshold", failures);
            return this;
        }

        /** @param duration see {@link BreakerSettings#openDuration()}, positive @return this builder */
        public Builder openDuration(Duration duration) {
            this.openDuration = Checks.positive("breaker.open-duration", duration);
            return this;
        }

        /** @return the settings */
        public BreakerSettings build() {
            return new BreakerSettings(this);
        }
    }
}
