package io.cacheweave.runtime.tier;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link RedisTier} and {@link RedisInvalidationBus} reach Redis. Immutable; start from
 * {@link #of(String)} or {@link #ofCluster(String)} and change single settings with the {@code with...} methods.
 *
 * <p>URL forms (Lettuce's own, see {@code io.lettuce.core.RedisURI}):
 * <ul>
 *   <li>{@code redis://[user:password@]host:port[/db]}, {@code rediss://...} for TLS;</li>
 *   <li>{@code redis-sentinel://[password@]host:port[,host:port]/db#masterName};</li>
 *   <li>with {@code cluster = true}: the seed nodes of a Redis Cluster, comma-separated:
 *       {@code redis://[password@]h1:7000,h2:7001} ({@code rediss://} for TLS).</li>
 * </ul>
 *
 * @param url the Redis URL, see above
 * @param cluster whether {@code url} lists Redis Cluster seed nodes
 * @param timeout the time one command (or one pipelined batch) may take before it fails with
 *     {@link TierTimeoutException}; positive
 * @param connectTimeout the time one connection attempt may take; also how long {@link RedisTier#connect} waits for
 *     the first attempt before it returns and goes on connecting in the background; positive
 * @param maxReconnectDelay the longest pause between two reconnection attempts while Redis is unreachable (the
 *     pauses grow exponentially up to it); positive
 * @param scanCount the {@code COUNT} hint of each {@code SCAN} of {@link SharedTier#deleteMatching}, and so the
 *     largest {@code UNLINK} batch; at least 1
 * @param clientName the connection name shown by {@code CLIENT LIST}, unless the URL names one; printable ASCII
 *     without spaces
 * @param tlsCaCertFile for {@code rediss://}: a PEM file of the certificates that sign the server's certificate,
 *     trusted instead of the JVM's trust store (the host name is still verified); {@code null} for the JVM's trust
 *     store
 * @param connections data connections {@link RedisTier} opens and spreads its calls over (at random per call); 1 to
 *     16; the invalidation bus always has one
 * @param retryOnTimeout whether {@link RedisTier} sends a call that timed out once more: {@code get}, {@code getAll},
 *     {@code put}, {@code putAll}, {@code delete}, {@code deleteMatching}, {@code remainingMillis}, {@code keys}
 *     (idempotent); never {@code extendTtl} or a lease call
 * @param healthCheckInterval TCP keep-alive of every connection: the first probe after this idle time, then one every
 *     third of it; three unanswered probes close the connection, and it is remade; at least 3 s
 */
public record RedisTierConfig(String url, boolean cluster, Duration timeout, Duration connectTimeout,
        Duration maxReconnectDelay, int scanCount, String clientName, String tlsCaCertFile, int connections,
        boolean retryOnTimeout, Duration healthCheckInterval) {

    /** Default of {@link #timeout()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
    /** Default of {@link #connectTimeout()}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Default of {@link #maxReconnectDelay()}. */
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
    /** Default of {@link #scanCount()}. */
    public static final int DEFAULT_SCAN_COUNT = 500;
    /** Default of {@link #clientName()}. */
    public static final String DEFAULT_CLIENT_NAME = "cacheweave";
    /** Default of {@link #healthCheckInterval()}. */
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(30);

    /**
     * Checks every value but the URL's form, which {@link #of}, {@link #ofCluster} and {@link #checked()} check (with
     * Lettuce's parser, whose first use starts Reactor: about 100 ms), and the client checks again when it is made.
     */
    public RedisTierConfig {
        Objects.requireNonNull(url, "url must not be null");
        if (url.isBlank()) {
            throw new IllegalArgumentException("url must not be blank");
        }
        url = url.strip();
        positive("timeout", timeout);
        positive("connectTimeout", connectTimeout);
        positive("maxReconnectDelay", maxReconnectDelay);
        if (scanCount < 1) {
            throw new IllegalArgumentException("scanCount must be at least 1: " + scanCount);
        }
        Objects.requireNonNull(clientName, "clientName must not be null");
        if (clientName.isEmpty() || !clientName.chars().allMatch(c -> c > ' ' && c <= '~')) {
            throw new IllegalArgumentException("clientName must be printable ASCII without spaces: " + clientName);
        }
        if (tlsCaCertFile != null && tlsCaCertFile.isBlank()) {
            throw new IllegalArgumentException("tlsCaCertFile must not be blank");
        }
        if (connections < 1 || connections > 16) {
            throw new IllegalArgumentException("connections must be from 1 to 16: " + connections);
        }
        positive("healthCheckInterval", healthCheckInterval);
        if (healthCheckInterval.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("healthCheckInterval must be at least 3s: " + healthCheckInterval);
        }
    }

    /**
     * @return this configuration, once its URL parses as {@link #cluster()} says (it is not connected to here)
     * @throws IllegalArgumentException naming the problem (never the password) when it does not
     */
    public RedisTierConfig checked() {
        RedisConnector.parse(url, cluster);
        return this;
    }

    /** A configuration with one connection, no retry and the default health check. */
    public RedisTierConfig(String url, boolean cluster, Duration timeout, Duration connectTimeout,
            Duration maxReconnectDelay, int scanCount, String clientName, String tlsCaCertFile) {
        this(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName, tlsCaCertFile, 1, false,
                DEFAULT_HEALTH_CHECK_INTERVAL);
    }

    /** A configuration that trusts the JVM's trust store for {@code rediss://}. */
    public RedisTierConfig(String url, boolean cluster, Duration timeout, Duration connectTimeout,
            Duration maxReconnectDelay, int scanCount, String clientName) {
        this(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName, null);
    }

    /**
     * @param url a standalone, TLS or Sentinel URL
     * @return a configuration with every other setting at its default
     */
    public static RedisTierConfig of(String url) {
        return unchecked(url).checked();
    }

    /**
     * As {@link #of}, but the URL's form is checked only when the client is made (its error is then logged by the
     * tier that makes it), for a caller that must not wait for Lettuce's parser: the process-wide runtime, whose
     * construction the first cached call waits for.
     *
     * @param url a standalone, TLS or Sentinel URL, or with {@link #withCluster} the seed nodes of a cluster
     * @return a configuration with every other setting at its default
     */
    public static RedisTierConfig unchecked(String url) {
        return new RedisTierConfig(url, false, DEFAULT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RECONNECT_DELAY,
                DEFAULT_SCAN_COUNT, DEFAULT_CLIENT_NAME);
    }

    /**
     * @param seeds Redis Cluster seed nodes, {@code redis://h1:7000,h2:7001}
     * @return a cluster configuration with every other setting at its default
     */
    public static RedisTierConfig ofCluster(String seeds) {
        return unchecked(seeds).withCluster(true).checked();
    }

    /** @param cluster see {@link #cluster()} @return a copy with it changed */
    public RedisTierConfig withCluster(boolean cluster) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param timeout see {@link #timeout()} @return a copy with it changed */
    public RedisTierConfig withTimeout(Duration timeout) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param connectTimeout see {@link #connectTimeout()} @return a copy with it changed */
    public RedisTierConfig withConnectTimeout(Duration connectTimeout) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param maxReconnectDelay see {@link #maxReconnectDelay()} @return a copy with it changed */
    public RedisTierConfig withMaxReconnectDelay(Duration maxReconnectDelay) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param scanCount see {@link #scanCount()} @return a copy with it changed */
    public RedisTierConfig withScanCount(int scanCount) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param clientName see {@link #clientName()} @return a copy with it changed */
    public RedisTierConfig withClientName(String clientName) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param tlsCaCertFile see {@link #tlsCaCertFile()} @return a copy with it changed */
    public RedisTierConfig withTlsCaCertFile(String tlsCaCertFile) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param connections see {@link #connections()} @return a copy with it changed */
    public RedisTierConfig withConnections(int connections) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param retryOnTimeout see {@link #retryOnTimeout()} @return a copy with it changed */
    public RedisTierConfig withRetryOnTimeout(boolean retryOnTimeout) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @param healthCheckInterval see {@link #healthCheckInterval()} @return a copy with it changed */
    public RedisTierConfig withHealthCheckInterval(Duration healthCheckInterval) {
        return new RedisTierConfig(url, cluster, timeout, connectTimeout, maxReconnectDelay, scanCount, clientName,
                tlsCaCertFile, connections, retryOnTimeout, healthCheckInterval);
    }

    /** @return the URL with any password replaced by {@code ***}, fit for logs */
    public String redactedUrl() {
        return redact(url);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RedisTierConfig[url=" + redactedUrl() + ", cluster=" + cluster + ", timeout=" + timeout
                + ", connectTimeout=" + connectTimeout + ", maxReconnectDelay=" + maxReconnectDelay + ", scanCount="
                + scanCount + ", clientName=" + clientName + ", connections=" + connections + ", retryOnTimeout="
                + retryOnTimeout + ", healthCheckInterval=" + healthCheckInterval
                + (tlsCaCertFile == null ? "" : ", tlsCaCertFile=" + tlsCaCertFile) + "]";
    }

    static String redact(String url) {
        // user:password@ and password@ (Sentinel, cluster seeds) before the host part
        return url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1***@").replaceAll("(://)([^:@/]+)@", "$1***@");
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
