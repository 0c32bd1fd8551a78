package io.cacheweave.runtime;

import io.cacheweave.runtime.codec.Compression;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.tier.CircuitBreaker;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.tier.InvalidationBus;
import io.cacheweave.runtime.tier.RedisInvalidationBus;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.RedisTierConfig;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the shared tier a runtime's settings ask for: Redis behind a circuit breaker, the value codec, and the
 * invalidation bus on the channel {@code <namespace>:invalidations}. Nothing here stops the application: an
 * unreachable Redis is connected to in the background, a codec setting that cannot be honoured falls back to
 * deflate with an error in the log.
 */
final class SharedTiers {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTiers.class);

    private SharedTiers() {
    }

    /** Fills in the builder's shared tier and bus from {@code settings}, when a Redis URL is configured. */
    static void configure(CacheRuntime.Builder builder, Settings settings) {
        String url = settings.redisUrl().orElse(null);
        if (url == null) {
            return;
        }
        RedisTierConfig config = RedisTierConfig.of(url).withCluster(settings.redisCluster())
                .withTimeout(settings.redisTimeout());
        CircuitBreaker breaker = CircuitBreaker.builder().name("redis " + config.redactedUrl())
                .failureThreshold(settings.breakerFailureThreshold())
                .openDuration(settings.breakerOpenDuration()).build();
        builder.sharedTier(new GuardedTier(RedisTier.connect(config), breaker), codec(settings));
        String channel = settings.namespace() + ":invalidations";
        Function<InvalidationBus.Listener, InvalidationBus> bus =
                listener -> RedisInvalidationBus.connect(config, channel, listener);
        builder.invalidationBus(bus);
        LOG.info("cacheweave: shared tier {} ({}), keys {}:v{}:..., invalidations on {}", config.redactedUrl(),
                settings.redisCluster() ? "cluster" : "standalone", settings.namespace(), settings.schemaVersion(),
                channel);
    }

    /** @return the codec the settings ask for, or deflate (logged) when that cannot be built here */
    static ValueCodec codec(Settings settings) {
        Compression algorithm = Compression.of(settings.compression());
        int level = settings.compressionLevel().orElse(algorithm.defaultLevel());
        try {
            return JsonValueCodec.builder().compression(algorithm, level)
                    .threshold(settings.compressionThreshold()).build();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("cacheweave: cannot use compression {} level {} ({}); using deflate level 6 instead",
                    algorithm, level, e.getMessage());
            return JsonValueCodec.builder().compression(Compression.DEFLATE, 6)
                    .threshold(settings.compressionThreshold()).build();
        }
    }
}
