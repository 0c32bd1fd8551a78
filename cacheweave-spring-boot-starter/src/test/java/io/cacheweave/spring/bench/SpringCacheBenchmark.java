package io.cacheweave.spring.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A cache hit through Spring's {@code @Cacheable} proxy with the Cacheweave cache manager (memory tier) beside the
 * same with Spring's {@code CaffeineCacheManager}, and a woven {@code @Cached} hit in a Spring bean (the fork runs
 * under the agent jar, relative to the module directory the forks start in). Each state starts its own Spring Boot
 * application.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "-javaagent:../cache-agent/target/cache-agent.jar")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpringCacheBenchmark {

    /** The application with Spring's Caffeine cache manager in place of Cacheweave's. */
    @Configuration(proxyBeanMethods = false)
    public static class CaffeineManager {
        @Bean
        CacheManager cacheManager() {
            return new CaffeineCacheManager();
        }
    }

    /** An application and its beans. */
    abstract static class App {
        ConfigurableApplicationContext context;
        BenchApplication.Greeter greeter;
        BenchApplication.WovenGreeter woven;

        abstract Class<?>[] sources();

        @Setup(Level.Trial)
        public void start() {
            context = BenchApplication.start(sources());
            greeter = context.getBean(BenchApplication.Greeter.class);
            woven = context.getBean(BenchApplication.WovenGreeter.class);
            greeter.greet("ada");
            woven.greet("ada");
        }

        @TearDown(Level.Trial)
        public void stop() {
            context.close();
        }
    }

    @State(Scope.Benchmark)
    public static class CacheweaveApp extends App {
        @Override
        Class<?>[] sources() {
            return new Class<?>[] {BenchApplication.class};
        }
    }

    @State(Scope.Benchmark)
    public static class CaffeineApp extends App {
        @Override
        Class<?>[] sources() {
            return new Class<?>[] {BenchApplication.class, CaffeineManager.class};
        }
    }

    @Benchmark
    public String cacheableHitCacheweave(CacheweaveApp app) {
        return app.greeter.greet("ada");
    }

    @Benchmark
    public String cacheableHitCaffeine(CaffeineApp app) {
        return app.greeter.greet("ada");
    }

    @Benchmark
    public String wovenCachedHitInSpringBean(CacheweaveApp app) {
        return app.woven.greet("ada");
    }
}
