package io.cacheweave.runtime.config;

import java.time.Duration;

/**
 * How the shared tier's Redis connections are made and kept ({@code cacheweave.redis.*} beside the URL and the
 * command timeout), part of {@link Settings}: {@link Settings#redisConnection()}. Immutable; change one with its
 * {@code withX} method.
 *
 * <p>Lettuce multiplexes every command of every thread over one connection, so there is no pool to size: what
 * {@code REDIS_MAX_CONNECTIONS} bounds in a pooled client does not carry over, and is reported at start-up naming
 * {@code cacheweave.redis.connections} (see {@link SettingName#ENVIRONMENT_ALIASES}).
 *
 * @param connections {@code cacheweave.redis.connections}: data connections the Redis tier opens and spreads its
 *     commands over (at random per call); one is enough unless large values queue behind each other; 1 to 16
 * @param connectTimeout {@code cacheweave.redis.connect-timeout}: how long one connection attempt may take, and how
 *     long start-up waits for the first one before it goes on connecting in the background
 * @param retryOnTimeout {@code cacheweave.redis.retry-on-timeout}: a Redis call that timed out is sent once more
 *     (reads, writes and deletes, which are idempotent; never {@code extendTtl} or a lease), so one slow answer is
 *     not a miss; a call may then take twice {@code cacheweave.redis.timeout}
 * @param healthCheckInterval {@code cacheweave.redis.health-check-interval}: a connection idle this long is
 *     probed (TCP keep-alive: first probe after this idle time, then every third of it, three unanswered probes
 *     close it and Lettuce reconnects), so a connection that died silently is found before a call needs it
 */
public record RedisConnectionSettings(int connections, Duration connectTimeout, boolean retryOnTimeout,
        Duration healthCheckInterval) {

    /** The most data connections {@link #connections()} allows. */
    public static final int MAX_CONNECTIONS = 16;
    /** The defaults: one connection, 1 s connect timeout, no retry, a 30 s health check. */
    public static final RedisConnectionSettings DEFAULTS = new RedisConnectionSettings(1,
            io.cacheweave.runtime.tier.RedisTierConfig.DEFAULT_CONNECT_TIMEOUT, false,
            io.cacheweave.runtime.tier.RedisTierConfig.DEFAULT_HEALTH_CHECK_INTERVAL);

    /** Checks every value. */
    public RedisConnectionSettings {
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("redis.connections must be from 1 to " + MAX_CONNECTIONS + ": "
                    + connections);
        }
        Settings.Builder.positive("redis.connect-timeout", connectTimeout);
        Settings.Builder.positive("redis.health-check-interval", healthCheckInterval);
        if (healthCheckInterval.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("redis.health-check-interval must be at least 3s (TCP keep-alive "
                    + "counts whole seconds): " + healthCheckInterval);
        }
    }

    /** @param v see {@link #connections()} @return a copy with it */
    public RedisConnectionSettings withConnections(int v) {
        return new RedisConnectionSettings(v, connectTimeout, retryOnTimeout, healthCheckInterval);
    }

    /** @param v see {@link #connectTimeout()} @return a copy with it */
    public RedisConnectionSettings withConnectTimeout(Duration v) {
        return new RedisConnectionSettings(connections, v, retryOnTimeout, healthCheckInterval);
    }

    /** @param v see {@link #retryOnTimeout()} @return a copy with it */
    public RedisConnectionSettings withRetryOnTimeout(boolean v) {
        return new RedisConnectionSettings(connections, connectTimeout, v, healthCheckInterval);
    }

    /** @param v see {@link #healthCheckInterval()} @return a copy with it */
    public RedisConnectionSettings withHealthCheckInterval(Duration v) {
        return new RedisConnectionSettings(connections, connectTimeout, retryOnTimeout, v);
    }
}
