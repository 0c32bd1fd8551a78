package io.cacheweave.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The text service as a Spring Boot application: {@code GET /summarize?text=...}, {@code GET /sentiment?text=...},
 * {@code GET /key-points?text=...&count=3}, {@code POST /model-update}. Its methods carry Spring's own
 * {@code @Cacheable}; the Cacheweave starter on the class path puts them on Cacheweave's memory tier, and on Redis
 * when {@code spring.data.redis.*} or {@code cacheweave.redis.url} names one.
 */
@SpringBootApplication
public class TextServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TextServiceApplication.class, args);
    }
}
