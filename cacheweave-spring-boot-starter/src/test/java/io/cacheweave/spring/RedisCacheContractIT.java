package io.cacheweave.spring;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.cache.Cache;

/** The Cacheweave cache on the memory tier and a real Redis (a {@code redis-server} of the test's own). */
class RedisCacheContractIT extends SpringCacheContract {
    private static RedisServer redis;
    private static CapturedLog log;
    private CacheRuntime runtime;

    @BeforeAll
    static void startRedis() {
        redis = RedisServers.local();
        log = new CapturedLog("io.cacheweave.runtime"); // a closed runtime's last publications, logged at WARN
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        log.close();
        assertThat(log.messages()).noneSatisfy(m -> assertThat(m).startsWith("ERROR"));
    }

    @Override
    Cache cache(boolean allowNullValues) {
        runtime = CacheRuntime.builder().settings(redis.settings()
                .core(c -> c.namespace("contract-" + System.nanoTime())).monitor(m -> m.jmx(false)).build()).build();
        return new CacheweaveCacheManager(runtime, allowNullValues, new CacheValueTypes()).getCache("contract");
    }

    @AfterEach
    void close() {
        runtime.close();
    }
}
