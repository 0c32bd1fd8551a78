package io.cacheweave.spring.bench;

import io.cacheweave.annotations.Cached;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The application the benchmarks start: one bean with an {@code @Cacheable} method, one with a woven {@code @Cached}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
public class BenchApplication {

    /** A bean cached the Spring way. */
    public static class Greeter {
        @Cacheable("greetings")
        public String greet(String name) {
            return "hello " + name;
        }
    }

    /** A bean cached by a woven {@code @Cached} method (under the agent in the benchmark's forks). */
    public static class WovenGreeter {
        @Cached(operation = "woven-greetings")
        public String greet(String name) {
            return "hello " + name;
        }
    }

    @Bean
    Greeter greeter() {
        return new Greeter();
    }

    @Bean
    WovenGreeter wovenGreeter() {
        return new WovenGreeter();
    }

    /** @return a started application without a web server */
    static ConfigurableApplicationContext start(Class<?>[] sources, String... properties) {
        return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE).logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "cacheweave.monitor.jmx=false").properties(properties)
                .run();
    }
}
