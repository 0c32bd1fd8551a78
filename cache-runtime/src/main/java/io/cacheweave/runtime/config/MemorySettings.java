package io.cacheweave.runtime.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The memory tier's bounds ({@code cacheweave.l1.*}), per cached method or programmatic cache. Part of
 * {@link Settings}: {@link Settings#memory()}. Immutable: {@link #builder()}, {@link #create()} (the defaults),
 * {@link #mutate()}.
 */
public final class MemorySettings {

    private static final MemorySettings DEFAULTS = builder().build();

    private final long maxEntries;
    private final long maxBytes;
    private final Duration ttl;
    private final Duration cleanupInterval;

    private MemorySettings(Builder b) {
        maxEntries = b.maxEntries;
        maxBytes = b.maxBytes;
        ttl = b.ttl;
        cleanupInterval = b.cleanupInterval;
    }

    /** @return the defaults */
    public static MemorySettings create() {
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

    /** @return {@code cacheweave.l1.max-entries}: entries the memory tier keeps per cached method; default 10000 */
    public long maxEntries() {
        return maxEntries;
    }

    /**
     * @return {@code cacheweave.l1.max-bytes}: estimated bytes (keys and values) the memory tier keeps per cached
     *     method or programmatic cache; default a sixteenth of the maximum heap (at least 1 MiB; 256 MiB when the
     *     heap has no maximum)
     */
    public long maxBytes() {
        return maxBytes;
    }

    /** @return {@code cacheweave.l1.ttl}: an upper bound on memory-tier lifetime, if configured; none by default */
    public Optional<Duration> ttl() {
        return Optional.ofNullable(ttl);
    }

    /**
     * @return {@code cacheweave.l1.cleanup-interval}, if configured: how often every memory tier drops the entries
     *     it holds past their expiry; none by default
     */
    public Optional<Duration> cleanupInterval() {
        return Optional.ofNullable(cleanupInterval);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemorySettings m && maxEntries == m.maxEntries && maxBytes == m.maxBytes
                && Objects.equals(ttl, m.ttl) && Objects.equals(cleanupInterval, m.cleanupInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxEntries, maxBytes, ttl, cleanupInterval);
    }

    @Override
    public String toString() {
        return "l1.max-entries=" + maxEntries + ", l1.max-bytes=" + maxBytes + ", l1.ttl=" + ttl
                + ", l1.cleanup-interval=" + cleanupInterval;
    }

    /** Builds {@link MemorySettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private long maxEntries = 10_000;
        private long maxBytes = Runtime.getRuntime().maxMemory() == Long.MAX_VALUE ? 256L << 20
                : Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 16);
        private Duration ttl;
        private Duration cleanupInterval;

        private Builder() {
        }

        private Builder(MemorySettings s) {
            maxEntries = s.maxEntries;
            maxBytes = s.maxBytes;
            ttl = s.ttl;
            cleanupInterval = s.cleanupInterval;
        }

        /** @param maxEntries see {@link MemorySettings#maxEntries()}, positive @return this builder */
        public Builder maxEntries(long maxEntries) {
            this.maxEntries = Checks.positive("l1.max-entries", maxEntries);
            return this;
        }

        /** @param maxBytes see {@link MemorySettings#maxBytes()}, positive @return this builder */
        public Builder maxBytes(long maxBytes) {
            this.maxBytes = Checks.positive("l1.max-bytes", maxBytes);
            return this;
        }

        /** @param ttl see {@link MemorySettings#ttl()}, positive, or {@code null} for none @return this builder */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl == null ? null : Checks.positive("l1.ttl", ttl);
            return this;
        }

        /**
         * @param interval see {@link MemorySettings#cleanupInterval()}, positive, or {@code null} for none
         * @return this builder
         */
        public Builder cleanupInterval(Duration interval) {
            this.cleanupInterval = interval == null ? null : Checks.positive("l1.cleanup-interval", interval);
            return this;
        }

        /** @return the settings */
        public MemorySettings build() {
            return new MemorySettings(this);
        }
    }
}
