package io.cacheweave.runtime.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The monitor ({@code cacheweave.monitor.*}, {@code cacheweave.size-tier.*}). Part of {@link Settings}:
 * {@link Settings#monitor()}. Immutable: {@link #builder()}, {@link #create()} (the defaults), {@link #mutate()}.
 */
public final class MonitorSettings {

    private static final MonitorSettings DEFAULTS = builder().build();

    private final boolean enabled;
    private final boolean jmx;
    private final Duration interval;
    private final Duration retention;
    private final Duration latencyWindow;
    private final int topKeys;
    private final int mediumBytes;
    private final int largeBytes;
    private final int xlargeBytes;
    private final long memoryWarningBytes;
    private final long memoryCriticalBytes;
    private final Duration slowLoad;
    private final long invalidationsPerMinute;

    private MonitorSettings(Builder b) {
        enabled = b.enabled;
        jmx = b.jmx;
        interval = b.interval;
        retention = b.retention;
        latencyWindow = b.latencyWindow;
        topKeys = b.topKeys;
        mediumBytes = b.mediumBytes;
        largeBytes = b.largeBytes;
        xlargeBytes = b.xlargeBytes;
        memoryWarningBytes = b.memoryWarningBytes;
        memoryCriticalBytes = b.memoryCriticalBytes;
        slowLoad = b.slowLoad;
        invalidationsPerMinute = b.invalidationsPerMinute;
    }

    /** @return the defaults */
    public static MonitorSettings create() {
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
     * @return {@code cacheweave.monitor.enabled}: record latencies, sizes, top keys, history, alerts and
     *     recommendations; the plain counters are kept either way; default true
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * @return {@code cacheweave.monitor.jmx}: register the MBeans on the platform MBean server; default true
     */
    public boolean jmx() {
        return jmx;
    }

    /**
     * @return {@code cacheweave.monitor.interval}: how often a history sample is taken; also one slot of the
     *     latency windows; default 10 s
     */
    public Duration interval() {
        return interval;
    }

    /**
     * @return {@code cacheweave.monitor.retention}: how long history samples are kept; default 1 h
     */
    public Duration retention() {
        return retention;
    }

    /**
     * @return {@code cacheweave.monitor.latency-window}: how far back the latency percentiles reach
     *     (rounded up to a whole number of intervals, at most 60); default 1 min
     */
    public Duration latencyWindow() {
        return latencyWindow;
    }

    /**
     * @return {@code cacheweave.monitor.top-keys}: how many of the most accessed keys are reported; default 10
     */
    public int topKeys() {
        return topKeys;
    }

    /**
     * @return {@code cacheweave.size-tier.medium}: texts of at least this size are {@code medium} (an AI-face
     *     request text in characters, a stored value's JSON in bytes); default 500
     */
    public int mediumBytes() {
        return mediumBytes;
    }

    /**
     * @return {@code cacheweave.size-tier.large}: at least this size is {@code large} (below
     *     {@link #mediumBytes()} it acts as that); default 5000
     */
    public int largeBytes() {
        return largeBytes;
    }

    /**
     * @return {@code cacheweave.size-tier.xlarge}: at least this size is {@code xlarge} (seed 002's third
     *     bound; below {@link #largeBytes()} it acts as that); default 50000
     */
    public int xlargeBytes() {
        return xlargeBytes;
    }

    /**
     * @return {@code cacheweave.monitor.alert.memory-warning}: estimated memory-tier bytes that raise a
     *     WARNING alert; default 50 MiB
     */
    public long memoryWarningBytes() {
        return memoryWarningBytes;
    }

    /**
     * @return {@code cacheweave.monitor.alert.memory-critical}: bytes that raise a CRITICAL alert; default
     *     100 MiB
     */
    public long memoryCriticalBytes() {
        return memoryCriticalBytes;
    }

    /**
     * @return {@code cacheweave.monitor.alert.slow-load}: an operation whose mean load time over the latency
     *     window exceeds this raises a {@code slow-operation} alert; default 5 s
     */
    public Duration slowLoad() {
        return slowLoad;
    }

    /**
     * @return {@code cacheweave.monitor.alert.invalidations-per-minute}: more invalidation requests than
     *     this in the last minute raise an {@code invalidation-rate} alert; default 100
     */
    public long invalidationsPerMinute() {
        return invalidationsPerMinute;
    }

    /** @return the number of slots of a latency window: the window over the interval, rounded up, 1 to 60 */
    public int latencySlots() {
        long n = (latencyWindow.toNanos() + interval.toNanos() - 1) / interval.toNanos();
        return (int) Math.max(1, Math.min(60, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MonitorSettings m && enabled == m.enabled && jmx == m.jmx && interval.equals(m.interval)
                && retention.equals(m.retention) && latencyWindow.equals(m.latencyWindow) && topKeys == m.topKeys
                && mediumBytes == m.mediumBytes && largeBytes == m.largeBytes && xlargeBytes == m.xlargeBytes
                && memoryWarningBytes == m.memoryWarningBytes && memoryCriticalBytes == m.memoryCriticalBytes
                && slowLoad.equals(m.slowLoad) && invalidationsPerMinute == m.invalidationsPerMinute;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, jmx, interval, retention, latencyWindow, topKeys, mediumBytes, largeBytes,
                xlargeBytes, memoryWarningBytes, memoryCriticalBytes, slowLoad, invalidationsPerMinute);
    }

    @Override
    public String toString() {
        return "monitor.enabled=" + enabled + ", monitor.jmx=" + jmx + ", monitor.interval=" + interval
                + ", monitor.retention=" + retention + ", monitor.latency-window=" + latencyWindow
                + ", monitor.top-keys=" + topKeys + ", size-tier=" + mediumBytes + "/" + largeBytes + "/" + xlargeBytes
                + ", monitor.alert.memory-warning=" + memoryWarningBytes + ", monitor.alert.memory-critical="
                + memoryCriticalBytes + ", monitor.alert.slow-load=" + slowLoad
                + ", monitor.alert.invalidations-per-minute=" + invalidationsPerMinute;
    }

    /** Builds {@link MonitorSettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private boolean enabled = true;
        private boolean jmx = true;
        private Duration interval = Duration.ofSeconds(10);
        private Duration retention = Duration.ofHours(1);
        private Duration latencyWindow = Duration.ofMinutes(1);
        private int topKeys = 10;
        private int mediumBytes = 500;
        private int largeBytes = 5000;
        private int xlargeBytes = 50_000;
        private long memoryWarningBytes = 50L << 20;
        private long memoryCriticalBytes = 100L << 20;
        private Duration slowLoad = Duration.ofSeconds(5);
        private long invalidationsPerMinute = 100;

        private Builder() {
        }

        private Builder(MonitorSettings s) {
            enabled = s.enabled;
            jmx = s.jmx;
            interval = s.interval;
            retention = s.retention;
            latencyWindow = s.latencyWindow;
            topKeys = s.topKeys;
            mediumBytes = s.mediumBytes;
            largeBytes = s.largeBytes;
            xlargeBytes = s.xlargeBytes;
            memoryWarningBytes = s.memoryWarningBytes;
            memoryCriticalBytes = s.memoryCriticalBytes;
            slowLoad = s.slowLoad;
            invalidationsPerMinute = s.invalidationsPerMinute;
        }

        /** @param v see {@link MonitorSettings#enabled()} @return this builder */
        public Builder enabled(boolean v) {
            this.enabled = v;
            return this;
        }

        /** @param v see {@link MonitorSettings#jmx()} @return this builder */
        public Builder jmx(boolean v) {
            this.jmx = v;
            return this;
        }

        /** @param v see {@link MonitorSettings#interval()}, positive @return this builder */
        public Builder interval(Duration v) {
            this.interval = Checks.positive("monitor.interval", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#retention()}, positive @return this builder */
        public Builder retention(Duration v) {
            this.retention = Checks.positive("monitor.retention", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#latencyWindow()}, positive @return this builder */
        public Builder latencyWindow(Duration v) {
            this.latencyWindow = Checks.positive("monitor.latency-window", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#topKeys()}, positive @return this builder */
        public Builder topKeys(int v) {
            this.topKeys = Checks.positive("monitor.top-keys", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#mediumBytes()}, positive @return this builder */
        public Builder mediumBytes(int v) {
            this.mediumBytes = Checks.positive("size-tier.medium", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#largeBytes()}, positive @return this builder */
        public Builder largeBytes(int v) {
            this.largeBytes = Checks.positive("size-tier.large", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#xlargeBytes()}, positive @return this builder */
        public Builder xlargeBytes(int v) {
            this.xlargeBytes = Checks.positive("size-tier.xlarge", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#memoryWarningBytes()}, positive @return this builder */
        public Builder memoryWarningBytes(long v) {
            this.memoryWarningBytes = Checks.positive("monitor.alert.memory-warning", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#memoryCriticalBytes()}, positive @return this builder */
        public Builder memoryCriticalBytes(long v) {
            this.memoryCriticalBytes = Checks.positive("monitor.alert.memory-critical", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#slowLoad()}, positive @return this builder */
        public Builder slowLoad(Duration v) {
            this.slowLoad = Checks.positive("monitor.alert.slow-load", v);
            return this;
        }

        /** @param v see {@link MonitorSettings#invalidationsPerMinute()}, positive @return this builder */
        public Builder invalidationsPerMinute(long v) {
            this.invalidationsPerMinute = Checks.positive("monitor.alert.invalidations-per-minute", v);
            return this;
        }

        /** @return the settings */
        public MonitorSettings build() {
            return new MonitorSettings(this);
        }
    }
}
