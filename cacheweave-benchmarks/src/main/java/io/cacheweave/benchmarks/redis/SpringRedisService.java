package io.cacheweave.benchmarks.redis;

import io.cacheweave.benchmarks.Profile;
import io.cacheweave.benchmarks.Workload;
import java.time.Duration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring: {@code @Cacheable}/{@code @CacheEvict} behind Spring's proxy over {@code RedisCacheManager} (Lettuce, the
 * default Java serialization of values, {@code invalidate()} by {@code SCAN} in batches of 1,000).
 */
public class SpringRedisService {
    private final Workload work;

    public SpringRedisService(Workload work) {
        this.work = work;
    }

    @Cacheable("peer-profile")
    public Profile profile(String userId) {
        work.ran();
        return Profile.of(userId);
    }

    @Cacheable("peer-text")
    public String text(String documentId) {
        work.ran();
        return Workload.text16KiB(documentId);
    }

    @Cacheable("peer-entries")
    public Profile entry(String userId) {
        work.ran();
        return Profile.of(userId);
    }

    /** Before the invocation, Spring calls {@code Cache.invalidate()}: immediately visible, unlike {@code clear()}. */
    @CacheEvict(value = "peer-entries", allEntries = true, beforeInvocation = true)
    public void invalidateEntries() {
    }

    /** @return a started Spring context on the Redis at {@code host:port} */
    public static AnnotationConfigApplicationContext context(Workload work, String host, int port) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(Workload.class, () -> work);
        context.registerBean(RedisStandaloneConfiguration.class, () -> new RedisStandaloneConfiguration(host, port));
        context.register(Config.class);
        context.refresh();
        return context;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    public static class Config {
        @Bean
        public LettuceConnectionFactory redisConnectionFactory(RedisStandaloneConfiguration server) {
            return new LettuceConnectionFactory(server);
        }

        @Bean
        public CacheManager cacheManager(LettuceConnectionFactory connections) {
            return RedisCacheManager.builder(RedisCacheWriter.nonLockingRedisCacheWriter(connections,
                            BatchStrategies.scan(1000)))
                    .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofHours(1)))
                    .build();
        }

        @Bean
        public SpringRedisService springRedisService(Workload work) {
            return new SpringRedisService(work);
        }
    }
}
