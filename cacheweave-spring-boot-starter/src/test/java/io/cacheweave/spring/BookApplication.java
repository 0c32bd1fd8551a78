package io.cacheweave.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application with {@link BookService} and nothing of Cacheweave but the starter on its class path. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BookApplication {

    @Bean
    BookService bookService() {
        return new BookService();
    }

    /** @return a started application (no web server) with these properties */
    static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(BookApplication.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "cacheweave.monitor.jmx=false").properties(properties)
                .run();
    }
}
