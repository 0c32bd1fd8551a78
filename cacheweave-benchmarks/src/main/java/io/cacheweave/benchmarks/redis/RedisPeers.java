package io.cacheweave.benchmarks.redis;

import io.cacheweave.benchmarks.Workload;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Every peer on one {@code redis-server} process of the benchmark's own (a free port of 127.0.0.1): Cacheweave's
 * runtime with that Redis as its shared tier, a Spring context with {@code RedisCacheManager}, JetCache's Lettuce
 * cache, a Redisson client, and a raw Lettuce connection (the baseline). All count their body runs in one
 * {@link Workload}.
 */
public final class RedisPeers implements AutoCloseable {
    final Workload work = new Workload();
    final RedisServer server;
    final CacheweaveRedisService cacheweave;
    final AnnotationConfigApplicationContext spring;
    final SpringRedisService springService;
    final RedisClient jetCacheClient;
    final JetCacheRedisService jetCache;
    final RedissonClient redissonClient;
    final RedissonService redisson;
    final RedisClient rawClient;
    final StatefulRedisConnection<String, byte[]> rawConnection;
    final RedisCommands<String, byte[]> raw;

    /** @param memoryTierEntries Cacheweave's memory-tier bound per method */
    RedisPeers(int memoryTierEntries) {
        server = RedisServers.local();
        Cacheweave.install(CacheRuntime.builder().settings(Settings.builder().redis(r -> r.url(server.url()))
                .core(c -> c.namespace(server.namespace())).memory(m -> m.maxEntries(memoryTierEntries))
                .build()).build());
        cacheweave = new CacheweaveRedisService(work);
        spring = SpringRedisService.context(work, server.host(), server.port());
        springService = spring.getBean(SpringRedisService.class);
        jetCacheClient = RedisClient.create(server.url());
        jetCache = new JetCacheRedisService(work, jetCacheClient);
        Config config = new Config();
        config.useSingleServer().setAddress("redis://" + server.host() + ":" + server.port());
        redissonClient = Redisson.create(config);
        redisson = new RedissonService(work, redissonClient);
        rawClient = RedisClient.create(server.url());
        rawConnection = rawClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        raw = rawConnection.sync();
    }

    /**
     * Waits until Redis holds every one of {@code keys}, entries Spring wrote: Spring Data Redis 4 stores
     * asynchronously (spring-data-redis #3348), so a {@code @Cacheable} call returns before its entry is in Redis.
     */
    void awaitSpringEntries(String... keys) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (raw.exists(keys) < keys.length) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("spring: its entries did not reach Redis within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    /** @return Cacheweave's statistics of {@code operation}; fails when the agent did not weave it */
    static OperationStats stats(String operation) {
        return Cacheweave.stats(operation).orElseThrow(() -> new IllegalStateException("no statistics of "
                + operation + ": is cache-agent.jar attached?"));
    }

    @Override
    public void close() {
        try {
            Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build()); // closes the Redis one
            spring.close();
            jetCacheClient.shutdown();
            redissonClient.shutdown();
            rawConnection.close();
            rawClient.shutdown();
        } finally {
            server.close();
        }
    }
}
