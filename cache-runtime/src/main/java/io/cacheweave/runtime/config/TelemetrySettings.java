package io.cacheweave.runtime.config;

import java.util.Objects;

/**
 * The process-wide runtime's bridges to Micrometer and OpenTelemetry ({@code cacheweave.micrometer.*},
 * {@code cacheweave.otel.*}). Part of {@link Settings}: {@link Settings#telemetry()}. Immutable:
 * {@link #builder()}, {@link #create()} (the defaults), {@link #mutate()}.
 */
public final class TelemetrySettings {

    private static final TelemetrySettings DEFAULTS = builder().build();

    private final boolean micrometerEnabled;
    private final boolean otelEnabled;
    private final boolean otelMemoryHitSpans;

    private TelemetrySettings(Builder b) {
        micrometerEnabled = b.micrometerEnabled;
        otelEnabled = b.otelEnabled;
        otelMemoryHitSpans = b.otelMemoryHitSpans;
    }

    /** @return the defaults */
    public static TelemetrySettings create() {
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

    /**
     * @return {@code cacheweave.micrometer.enabled}: bind to Micrometer's global registry when it is present;
     *     default true
     */
    public boolean micrometerEnabled() {
        return micrometerEnabled;
    }

    /**
     * @return {@code cacheweave.otel.enabled}: report through {@code GlobalOpenTelemetry} when it is present; default
     *     true
     */
    public boolean otelEnabled() {
        return otelEnabled;
    }

    /**
     * @return {@code cacheweave.otel.memory-hit-spans}: whether every memory-tier hit is reported to the monitor's
     *     observers (a span each through the OpenTelemetry bridge); default false
     */
    public boolean otelMemoryHitSpans() {
        return otelMemoryHitSpans;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelemetrySettings t && micrometerEnabled == t.micrometerEnabled
                && otelEnabled == t.otelEnabled && otelMemoryHitSpans == t.otelMemoryHitSpans;
    }

    @Override
    public int hashCode() {
        return Objects.hash(micrometerEnabled, otelEnabled, otelMemoryHitSpans);
    }

    @Override
    public String toString() {
        return "micrometer.enabled=" + micrometerEnabled + ", otel.enabled=" + otelEnabled
                + ", otel.memory-hit-spans=" + otelMemoryHitSpans;
    }

    /** Builds {@link TelemetrySettings}. */
    public static final class Builder {
        private boolean micrometerEnabled = true;
        private boolean otelEnabled = true;
        private boolean otelMemoryHitSpans;

        private Builder() {
        }

        private Builder(TelemetrySettings s) {
            micrometerEnabled = s.micrometerEnabled;
            otelEnabled = s.otelEnabled;
            otelMemoryHitSpans = s.otelMemoryHitSpans;
        }

        /** @param enabled see {@link TelemetrySettings#micrometerEnabled()} @return this builder */
        public Builder micrometerEnabled(boolean enabled) {
            this.micrometerEnabled = enabled;
            return this;
        }

        /** @param enabled see {@link TelemetrySettings#otelEnabled()} @return this builder */
        public Builder otelEnabled(boolean enabled) {
            this.otelEnabled = enabled;
            return this;
        }

        /** @param enabled see {@link TelemetrySettings#otelMemoryHitSpans()} @return this builder */
        public Builder otelMemoryHitSpans(boolean enabled) {
            this.otelMemoryHitSpans = enabled;
            return this;
        }

        /** @return the settings */
        public TelemetrySettings build() {
            return new TelemetrySettings(this);
        }
    }
}
