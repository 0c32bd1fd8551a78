package io.cacheweave.runtime;

import io.cacheweave.runtime.codec.Compression;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.config.RedisSettings;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.tier.BusHealth;
import io.cacheweave.runtime.tier.CircuitBreaker;
import io.cacheweave.runtime.tier.FileTier;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.tier.InvalidationBus;
import io.cacheweave.runtime.tier.BackgroundInvalidationBus;
import io.cacheweave.runtime.tier.RedisInvalidationBus;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.RedisTierConfig;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Builds the shared tier a runtime's settings ask for: Redis behind a circuit breaker, the value codec, and the
 * invalidation bus on the channel {@code <namespace>:invalidations}; or, without Redis, the file tier of
 * {@code cacheweave.file.directory}. Nothing here stops the application: an unreachable Redis is connected to in
 * the background, a codec setting that cannot be honoured falls back to deflate with an error in the log. For the
 * process-wide runtime nothing here delays it either: the Redis client is made and connected in the background
 * (calls before that are memory-only).
 */
final class SharedTiers {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(SharedTiers.class);

    private SharedTiers() {
    }

    /**
     * Fills in the builder's shared tier and bus from {@code settings}, when a Redis URL is configured.
     *
     * @param inBackground make the Redis client, the codec and the bus on daemon threads and return at once (calls
     *     made before the connection are memory-only); otherwise wait up to the connect timeout for the tier's first
     *     connection and for the bus's subscription, as a runtime built by hand always did
     */
    static void configure(CacheRuntime.Builder builder, Settings settings, boolean inBackground) {
        String url = settings.redis().url().orElse(null);
        if (url == null) {
            settings.file().directory().ifPresent(directory -> configureFiles(builder, settings, directory));
            return;
        }
        // In the background the URL's form is checked on the client's start thread: Lettuce's parser starts Reactor,
        // and Reactor starts SLF4J (about 150 ms), which the first cached call, waiting for this runtime, would wait
        // for too; a malformed URL is then logged there and the runtime runs without Redis
        RedisTierConfig config = inBackground ? redisConfig(url, settings) : redisConfig(url, settings).checked();
        CircuitBreaker breaker = CircuitBreaker.builder().name("redis " + config.redactedUrl())
                .failureThreshold(settings.breaker().failureThreshold())
                .openDuration(settings.breaker().openDuration()).build();
        String channel = settings.core().namespace() + ":invalidations";
        BusHealth health = new BusHealth(settings.core().invalidationMaxStaleness());
        if (!inBackground) {
            builder.sharedTier(new GuardedTier(RedisTier.connect(config), breaker), codec(settings));
            builder.invalidationBus(listener -> RedisInvalidationBus.connect(config, channel, listener, health));
            logSharedTier(config, settings, channel);
        } else {
            // Lettuce and Netty load, and Redis is connected, on a daemon thread (RedisTier.connectInBackground)
            RedisTier tier = RedisTier.connectInBackground(config);
            LazyCodec codec = new LazyCodec(() -> codec(settings));
            builder.sharedTier(new GuardedTier(tier, breaker), codec);
            // at the same time, on one more daemon thread, the codec's first use (Jackson loads): the first call
            // that reaches Redis needs both, and waiting for the connection before starting Jackson made it wait
            // for the sum of the two; the invalidation bus starts once both are done
            CompletableFuture<Void> codecReady = CompletableFuture.runAsync(() -> {
                logSharedTier(config, settings, channel); // SLF4J starts here, not on the thread building the runtime
                warmUp(codec);
            }, task -> {
                Thread t = new Thread(task, "cacheweave-codec-warm-up");
                t.setDaemon(true);
                t.start();
            });
            CompletableFuture<Void> bothReady = CompletableFuture.allOf(tier.started(), codecReady);
            Function<InvalidationBus.Listener, InvalidationBus> bus =
                    listener -> BackgroundInvalidationBus.start(config, channel, listener, health, bothReady);
            builder.invalidationBus(bus);
        }
    }

    private static void logSharedTier(RedisTierConfig config, Settings settings, String channel) {
        LOG.info("cacheweave: shared tier {} ({}), keys {}:v{}:..., invalidations on {}", config.redactedUrl(),
                settings.redis().cluster() ? "cluster" : "standalone", settings.core().namespace(),
                settings.core().schemaVersion(), channel);
    }

    /**
     * @return the Redis tier's configuration from the settings: URL, timeouts, connections, retry, health check; its
     *     URL's form is not checked yet ({@link RedisTierConfig#checked()})
     */
    static RedisTierConfig redisConfig(String url, Settings settings) {
        RedisSettings redis = settings.redis();
        return RedisTierConfig.unchecked(url).withCluster(redis.cluster())
                .withTimeout(redis.timeout()).withTlsCaCertFile(redis.tlsCaCertFile().orElse(null))
                .withConnectTimeout(redis.connectTimeout()).withConnections(redis.connections())
                .withRetryOnTimeout(redis.retryOnTimeout())
                .withHealthCheckInterval(redis.healthCheckInterval());
    }

    /** Builds and uses the codec once (Jackson loads), in the background; never throws. */
    private static void warmUp(LazyCodec codec) {
        try {
            codec.warmUp();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cacheweave: warming the codec up failed (the first call pays for it): {}", e.toString());
        }
    }

    /** The file tier in place of Redis: one process per directory, so no invalidation bus is needed. */
    private static void configureFiles(CacheRuntime.Builder builder, Settings settings, String directory) {
        CircuitBreaker breaker = CircuitBreaker.builder().name("file tier " + directory)
                .failureThreshold(settings.breaker().failureThreshold())
                .openDuration(settings.breaker().openDuration()).build();
        try {
            FileTier files = FileTier.open(Path.of(directory), settings.file().maxBytes());
            builder.sharedTier(new GuardedTier(files, breaker), codec(settings));
            LOG.info("cacheweave: shared tier: files in {} (at most {} bytes)", directory, settings.file().maxBytes());
        } catch (RuntimeException e) { // locked by another process, unusable path, I/O error
            LOG.error("cacheweave: cannot use the file tier in {} ({}); running on the memory tier only", directory,
                    e.getMessage());
        }
    }

    /** @return the codec the settings ask for, or deflate (logged) when that cannot be built here */
    static ValueCodec codec(Settings settings) {
        Compression algorithm = Compression.of(settings.codec().compression());
        int level = settings.codec().compressionLevel().orElse(algorithm.defaultLevel());
        try {
            return JsonValueCodec.builder().compression(algorithm, level)
                    .threshold(settings.codec().compressionThreshold())
                    .maxDecodedBytes(settings.codec().maxDecodedBytes()).build();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("cacheweave: cannot use compression {} level {} ({}); using deflate level 6 instead",
                    algorithm, level, e.getMessage());
            return JsonValueCodec.builder().compression(Compression.DEFLATE, 6)
                    .threshold(settings.codec().compressionThreshold())
                    .maxDecodedBytes(settings.codec().maxDecodedBytes()).build();
        }
    }
}
