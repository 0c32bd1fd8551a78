package io.cacheweave.runtime;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The programmatic cache contract on the memory tier and a real Redis (ours, or {@code REDIS_URL} under a namespace
 * of its own), configured by settings alone. Redis expires entries in real time, so {@link #elapse} sleeps too.
 */
class RedisCacheIT extends AsyncCacheContract {
    static RedisServer server;

    @BeforeAll
    static void start() {
        server = RedisServers.standalone();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    Settings.Builder settings() {
        return Settings.builder().redisUrl(server.url()).namespace(server.namespace() + "-" + UUID.randomUUID()
                .toString().substring(0, 8));
    }

    @Override
    CacheRuntime newRuntime(ManualClock clock, Settings settings) {
        return CacheRuntime.builder().settings(settings).clock(clock).build();
    }

    @Override
    boolean hasSharedTier() {
        return true;
    }

    @Override
    void elapse(Duration d) throws InterruptedException {
        clock.advance(d);
        Thread.sleep(d.toMillis());
    }
}
