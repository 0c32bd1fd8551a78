package io.cacheweave.runtime.config;

import io.cacheweave.runtime.tier.InvalidationBus;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every cached call uses, whatever its tiers: whether caching is on, TTLs, the shape of physical keys,
 * single-flight, the bounds of programmatic calls, the distributed lease and the invalidation bus's staleness
 * bound. Part of {@link Settings}: {@link Settings#core()}. Immutable: {@link #builder()}, {@link #create()} (the
 * defaults), {@link #mutate()}.
 */
public final class CoreSettings {

    private static final CoreSettings DEFAULTS = builder().build();

    private final boolean enabled;
    private final Duration defaultTtl;
    private final Map<String, Duration> operationTtls;
    private final String namespace;
    private final int schemaVersion;
    private final int keyHashThreshold;
    private final Duration singleFlightMaxWait;
    private final int asyncThreads;
    private final int keysLimit;
    private final int fluxMaxElements;
    private final Duration leaseTimeout;
    private final Duration invalidationMaxStaleness;

    private CoreSettings(Builder b) {
        enabled = b.enabled;
        defaultTtl = b.defaultTtl;
        operationTtls = Collections.unmodifiableMap(new TreeMap<>(b.operationTtls));
        namespace = b.namespace;
        schemaVersion = b.schemaVersion;
        keyHashThreshold = b.keyHashThreshold;
        singleFlightMaxWait = b.singleFlightMaxWait;
        asyncThreads = b.asyncThreads;
        keysLimit = b.keysLimit;
        fluxMaxElements = b.fluxMaxElements;
        leaseTimeout = b.leaseTimeout;
        invalidationMaxStaleness = b.invalidationMaxStaleness;
    }

    /** @return the defaults */
    public static CoreSettings create() {
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

    /** @return {@code cacheweave.enabled}: whether woven methods use the cache at all; default {@code true} */
    public boolean enabled() {
        return enabled;
    }

    /** @return {@code cacheweave.ttl.default}: TTL of operations with no TTL of their own; default 1 h */
    public Duration defaultTtl() {
        return defaultTtl;
    }

    /**
     * @param operation an operation name
     * @return {@code cacheweave.ttl.<operation>}, if configured
     */
    public Optional<Duration> operationTtl(String operation) {
        return Optional.ofNullable(operationTtls.get(operation));
    }

    /** @return every configured per-operation TTL, by operation; none by default */
    public Map<String, Duration> operationTtls() {
        return operationTtls;
    }

    /** @return {@code cacheweave.namespace}: the first part of every physical key; default {@code cacheweave} */
    public String namespace() {
        return namespace;
    }

    /** @return {@code cacheweave.schema-version}: the second part of every physical key, after {@code v}; default 1 */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** @return {@code cacheweave.key.hash-threshold}: text key parts longer than this are hashed; default 1000 */
    public int keyHashThreshold() {
        return keyHashThreshold;
    }

    /**
     * @return {@code cacheweave.single-flight.max-wait}: how long a caller waits for another caller's load of the
     *     same key before running the method itself; default 60 s
     */
    public Duration singleFlightMaxWait() {
        return singleFlightMaxWait;
    }

    /**
     * @return {@code cacheweave.async.threads}: the threads of the bounded executor that runs the shared-tier work
     *     of programmatic caches' asynchronous faces; default 4
     */
    public int asyncThreads() {
        return asyncThreads;
    }

    /** @return {@code cacheweave.keys.limit}: the most keys one {@code Cache.keys(prefix)} returns; default 10000 */
    public int keysLimit() {
        return keysLimit;
    }

    /**
     * @return {@code cacheweave.flux.max-elements}: the most elements of a {@code Flux} result that a
     *     {@code @Cached} method stores; a longer sequence is not stored (counted as {@code resultsTooLarge});
     *     default 10000
     */
    public int fluxMaxElements() {
        return fluxMaxElements;
    }

    /**
     * @return {@code cacheweave.lease.timeout}: lifetime of an unrenewed distributed lease, and the wait for it;
     *     default 30 s
     */
    public Duration leaseTimeout() {
        return leaseTimeout;
    }

    /**
     * @return {@code cacheweave.invalidation.max-staleness}: with a Redis invalidation bus, how long after the bus
     *     last proved it is delivering the memory tier may still be served; default 200 ms
     */
    public Duration invalidationMaxStaleness() {
        return invalidationMaxStaleness;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoreSettings c && enabled == c.enabled && defaultTtl.equals(c.defaultTtl)
                && operationTtls.equals(c.operationTtls) && namespace.equals(c.namespace)
                && schemaVersion == c.schemaVersion && keyHashThreshold == c.keyHashThreshold
                && singleFlightMaxWait.equals(c.singleFlightMaxWait) && asyncThreads == c.asyncThreads
                && keysLimit == c.keysLimit && fluxMaxElements == c.fluxMaxElements
                && leaseTimeout.equals(c.leaseTimeout) && invalidationMaxStaleness.equals(c.invalidationMaxStaleness);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, defaultTtl, operationTtls, namespace, schemaVersion, keyHashThreshold,
                singleFlightMaxWait, asyncThreads, keysLimit, fluxMaxElements, leaseTimeout, invalidationMaxStaleness);
    }

    @Override
    public String toString() {
        return "enabled=" + enabled + ", ttl.default=" + defaultTtl + ", ttl=" + operationTtls
                + ", single-flight.max-wait=" + singleFlightMaxWait + ", key.hash-threshold=" + keyHashThreshold
                + ", invalidation.max-staleness=" + invalidationMaxStaleness + ", namespace=" + namespace
                + ", schema-version=" + schemaVersion + ", lease.timeout=" + leaseTimeout
                + ", async.threads=" + asyncThreads + ", keys.limit=" + keysLimit
                + ", flux.max-elements=" + fluxMaxElements;
    }

    /** Builds {@link CoreSettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private boolean enabled = true;
        private Duration defaultTtl = Duration.ofHours(1);
        private final Map<String, Duration> operationTtls = new TreeMap<>();
        private String namespace = "cacheweave";
        private int schemaVersion = 1;
        private int keyHashThreshold = 1000;
        private Duration singleFlightMaxWait = Duration.ofSeconds(60);
        private int asyncThreads = 4;
        private int keysLimit = 10_000;
        private int fluxMaxElements = 10_000;
        private Duration leaseTimeout = Duration.ofSeconds(30);
        private Duration invalidationMaxStaleness = InvalidationBus.DEFAULT_MAX_STALENESS;

        private Builder() {
        }

        private Builder(CoreSettings s) {
            enabled = s.enabled;
            defaultTtl = s.defaultTtl;
            operationTtls.putAll(s.operationTtls);
            namespace = s.namespace;
            schemaVersion = s.schemaVersion;
            keyHashThreshold = s.keyHashThreshold;
            singleFlightMaxWait = s.singleFlightMaxWait;
            asyncThreads = s.asyncThreads;
            keysLimit = s.keysLimit;
            fluxMaxElements = s.fluxMaxElements;
            leaseTimeout = s.leaseTimeout;
            invalidationMaxStaleness = s.invalidationMaxStaleness;
        }

        /** @param enabled see {@link CoreSettings#enabled()} @return this builder */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** @param ttl see {@link CoreSettings#defaultTtl()}, positive @return this builder */
        public Builder defaultTtl(Duration ttl) {
            this.defaultTtl = Checks.positive("ttl.default", ttl);
            return this;
        }

        /** @param operation operation name @param ttl its TTL, positive @return this builder */
        public Builder operationTtl(String operation, Duration ttl) {
            Objects.requireNonNull(operation, "operation must not be null");
            operationTtls.put(operation, Checks.positive("ttl." + operation, ttl));
            return this;
        }

        /** @param namespace see {@link CoreSettings#namespace()}: letters, digits, '.', '_', '-' @return this */
        public Builder namespace(String namespace) {
            Objects.requireNonNull(namespace, "namespace must not be null");
            if (!namespace.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("namespace must be letters, digits, '.', '_' or '-': " + namespace);
            }
            this.namespace = namespace;
            return this;
        }

        /** @param version see {@link CoreSettings#schemaVersion()}, positive @return this builder */
        public Builder schemaVersion(int version) {
            this.schemaVersion = Checks.positive("schema-version", version);
            return this;
        }

        /** @param threshold see {@link CoreSettings#keyHashThreshold()}, positive @return this builder */
        public Builder keyHashThreshold(int threshold) {
            this.keyHashThreshold = Checks.positive("key.hash-threshold", threshold);
            return this;
        }

        /** @param maxWait see {@link CoreSettings#singleFlightMaxWait()}, positive @return this builder */
        public Builder singleFlightMaxWait(Duration maxWait) {
            this.singleFlightMaxWait = Checks.positive("single-flight.max-wait", maxWait);
            return this;
        }

        /** @param threads see {@link CoreSettings#asyncThreads()}, positive @return this builder */
        public Builder asyncThreads(int threads) {
            this.asyncThreads = Checks.positive("async.threads", threads);
            return this;
        }

        /** @param limit see {@link CoreSettings#keysLimit()}, positive @return this builder */
        public Builder keysLimit(int limit) {
            this.keysLimit = Checks.positive("keys.limit", limit);
            return this;
        }

        /** @param elements see {@link CoreSettings#fluxMaxElements()}, positive @return this builder */
        public Builder fluxMaxElements(int elements) {
            this.fluxMaxElements = Checks.positive("flux.max-elements", elements);
            return this;
        }

        /** @param timeout see {@link CoreSettings#leaseTimeout()}, positive @return this builder */
        public Builder leaseTimeout(Duration timeout) {
            this.leaseTimeout = Checks.positive("lease.timeout", timeout);
            return this;
        }

        /** @param maxStaleness see {@link CoreSettings#invalidationMaxStaleness()}, positive @return this builder */
        public Builder invalidationMaxStaleness(Duration maxStaleness) {
            this.invalidationMaxStaleness = Checks.positive("invalidation.max-staleness", maxStaleness);
            return this;
        }

        /** @return the settings */
        public CoreSettings build() {
            return new CoreSettings(this);
        }
    }
}
