package io.cacheweave.runtime.config;

import io.cacheweave.runtime.tier.RedisTierConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared tier's Redis ({@code cacheweave.redis.*}): where it is, how long a command may take, and how its
 * connections are made and kept. Part of {@link Settings}: {@link Settings#redis()}. Immutable: {@link #builder()},
 * {@link #create()} (the defaults), {@link #mutate()}. The defaults of the timeouts and the health check are the
 * Redis tier's own ({@link RedisTierConfig}).
 *
 * <p>Lettuce multiplexes every command of every thread over one connection, so there is no pool to size: what
 * {@code REDIS_MAX_CONNECTIONS} bounds in a pooled client does not carry over, and is reported at start-up naming
 * {@code cacheweave.redis.connections} (see {@link SettingName#UNUSED_ALIASES}).
 */
public final class RedisSettings {

    /** The most data connections {@link #connections()} allows. */
    public static final int MAX_CONNECTIONS = 16;

    private static final RedisSettings DEFAULTS = builder().build();

    private final String url;
    private final boolean cluster;
    private final Duration timeout;
    private final String tlsCaCertFile;
    private final int connections;
    private final Duration connectTimeout;
    private final boolean retryOnTimeout;
    private final Duration healthCheckInterval;

    private RedisSettings(Builder b) {
        url = b.url;
        cluster = b.cluster;
        timeout = b.timeout;
        tlsCaCertFile = b.tlsCaCertFile;
        connections = b.connections;
        connectTimeout = b.connectTimeout;
        retryOnTimeout = b.retryOnTimeout;
        healthCheckInterval = b.healthCheckInterval;
    }

    /** @return the defaults */
    public static RedisSettings create() {
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

    /** @return {@code cacheweave.redis.url} (or {@code REDIS_URL}), if configured: the shared tier's Redis */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** @return {@code cacheweave.redis.cluster}: whether the URL lists Redis Cluster seed nodes; default false */
    public boolean cluster() {
        return cluster;
    }

    /** @return {@code cacheweave.redis.timeout}: the time one Redis command may take; default 250 ms */
    public Duration timeout() {
        return timeout;
    }

    /** @return {@code cacheweave.redis.tls.ca-cert-file}: a PEM file of certificates trusted for {@code rediss://} */
    public Optional<String> tlsCaCertFile() {
        return Optional.ofNullable(tlsCaCertFile);
    }

    /**
     * @return {@code cacheweave.redis.connections}: data connections the Redis tier opens and spreads its commands
     *     over (at random per call); one is enough unless large values queue behind each other; 1 to 16, default 1
     */
    public int connections() {
        return connections;
    }

    /**
     * @return {@code cacheweave.redis.connect-timeout}: how long one connection attempt may take, and how long
     *     start-up waits for the first one before it goes on connecting in the background; default 1 s
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * @return {@code cacheweave.redis.retry-on-timeout}: a Redis call that timed out is sent once more (reads,
     *     writes and deletes, which are idempotent; never {@code extendTtl} or a lease), so one slow answer is not a
     *     miss; a call may then take twice {@link #timeout()}; default false
     */
    public boolean retryOnTimeout() {
        return retryOnTimeout;
    }

    /**
     * @return {@code cacheweave.redis.health-check-interval}: a connection idle this long is probed (TCP keep-alive:
     *     first probe after this idle time, then every third of it, three unanswered probes close it and Lettuce
     *     reconnects), so a connection that died silently is found before a call needs it; default 30 s
     */
    public Duration healthCheckInterval() {
        return healthCheckInterval;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisSettings r && Objects.equals(url, r.url) && cluster == r.cluster
                && timeout.equals(r.timeout) && Objects.equals(tlsCaCertFile, r.tlsCaCertFile)
                && connections == r.connections && connectTimeout.equals(r.connectTimeout)
                && retryOnTimeout == r.retryOnTimeout && healthCheckInterval.equals(r.healthCheckInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, cluster, timeout, tlsCaCertFile, connections, connectTimeout, retryOnTimeout,
                healthCheckInterval);
    }

    /** @return the values, with any password in the URL replaced by {@code ***} */
    @Override
    public String toString() {
        return "redis.url=" + (url == null ? null : redact(url)) + ", redis.cluster=" + cluster + ", redis.timeout="
                + timeout + ", redis.connections=" + connections + ", redis.connect-timeout=" + connectTimeout
                + ", redis.retry-on-timeout=" + retryOnTimeout + ", redis.health-check-interval="
                + healthCheckInterval + ", redis.tls.ca-cert-file=" + tlsCaCertFile;
    }

    /** @return the URL with any password replaced by {@code ***}, for logs */
    static String redact(String url) {
        return url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1***@").replaceAll("(://)([^:@/]+)@", "$1***@");
    }

    /** Builds {@link RedisSettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private String url;
        private boolean cluster;
        private Duration timeout = RedisTierConfig.DEFAULT_TIMEOUT;
        private String tlsCaCertFile;
        private int connections = 1;
        private Duration connectTimeout = RedisTierConfig.DEFAULT_CONNECT_TIMEOUT;
        private boolean retryOnTimeout;
        private Duration healthCheckInterval = RedisTierConfig.DEFAULT_HEALTH_CHECK_INTERVAL;

        private Builder() {
        }

        private Builder(RedisSettings s) {
            url = s.url;
            cluster = s.cluster;
            timeout = s.timeout;
            tlsCaCertFile = s.tlsCaCertFile;
            connections = s.connections;
            connectTimeout = s.connectTimeout;
            retryOnTimeout = s.retryOnTimeout;
            healthCheckInterval = s.healthCheckInterval;
        }

        /** @param url see {@link RedisSettings#url()}, or {@code null} for none @return this builder */
        public Builder url(String url) {
            this.url = Checks.notBlank("redis.url", url);
            return this;
        }

        /** @param cluster see {@link RedisSettings#cluster()} @return this builder */
        public Builder cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        /** @param timeout see {@link RedisSettings#timeout()}, positive @return this builder */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive("redis.timeout", timeout);
            return this;
        }

        /**
         * @param file see {@link RedisSettings#tlsCaCertFile()}: a path, or {@code null} for the JVM's trust store
         *     alone
         * @return this builder
         */
        public Builder tlsCaCertFile(String file) {
            this.tlsCaCertFile = Checks.notBlank("redis.tls.ca-cert-file", file);
            return this;
        }

        /** @param connections see {@link RedisSettings#connections()}, 1 to 16 @return this builder */
        public Builder connections(int connections) {
            if (connections < 1 || connections > MAX_CONNECTIONS) {
                throw new IllegalArgumentException("redis.connections must be from 1 to " + MAX_CONNECTIONS + ": "
                        + connections);
            }
            this.connections = connections;
            return this;
        }

        /** @param timeout see {@link RedisSettings#connectTimeout()}, positive @return this builder */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive("redis.connect-timeout", timeout);
            return this;
        }

        /** @param retry see {@link RedisSettings#retryOnTimeout()} @return this builder */
        public Builder retryOnTimeout(boolean retry) {
            this.retryOnTimeout = retry;
            return this;
        }

        /** @param interval see {@link RedisSettings#healthCheckInterval()}, at least 3 s @return this builder */
        public Builder healthCheckInterval(Duration interval) {
            Checks.positive("redis.health-check-interval", interval);
            if (interval.compareTo(Duration.ofSeconds(3)) < 0) {
                throw new IllegalArgumentException("redis.health-check-interval must be at least 3s (TCP keep-alive "
                        + "counts whole seconds): " + interval);
            }
            this.healthCheckInterval = interval;
            return this;
        }

        /** @return the settings */
        public RedisSettings build() {
            return new RedisSettings(this);
        }
    }
}
