package io.cacheweave.benchmarks.memory;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.cacheweave.benchmarks.Workload;
import java.time.Duration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring: {@code @Cacheable} methods behind Spring's proxy, over {@code CaffeineCacheManager}. */
public class SpringMemoryService {
    private final Workload work;

    public SpringMemoryService(Workload work) {
        this.work = work;
    }

    @Cacheable("peer-memory-one")
    public String one(String key) {
        work.ran();
        return Workload.text(key);
    }

    @Cacheable("peer-memory-two")
    public String two(String key, String variant) {
        work.ran();
        return Workload.text(key + "/" + variant);
    }

    /** @return a started Spring context whose {@link SpringMemoryService} bean counts into {@code work} */
    public static AnnotationConfigApplicationContext context(Workload work) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(Workload.class, () -> work);
        context.register(Config.class);
        context.refresh();
        return context;
    }

    /** Caffeine bounded and expiring as Cacheweave's memory tier is. */
    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    public static class Config {
        @Bean
        public CacheManager cacheManager() {
            CaffeineCacheManager manager = new CaffeineCacheManager();
            manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)));
            return manager;
        }

        @Bean
        public SpringMemoryService springMemoryService(Workload work) {
            return new SpringMemoryService(work);
        }
    }
}
