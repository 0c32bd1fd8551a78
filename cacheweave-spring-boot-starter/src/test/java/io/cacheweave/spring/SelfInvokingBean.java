package io.cacheweave.spring;

import io.cacheweave.annotations.Cached;
import org.springframework.cache.annotation.Cacheable;

/**
 * A Spring bean that calls its own cached methods: a private {@code @Cached} one (woven into the class, so the call
 * from inside is cached) and a public {@code @Cacheable} one (reached through Spring's proxy only from outside).
 */
public class SelfInvokingBean {
    private int wovenLoads;
    private int springLoads;

    /** @return how often the woven method's body ran */
    public int wovenLoads() {
        return wovenLoads;
    }

    /** @return how often the {@code @Cacheable} method's body ran */
    public int springLoads() {
        return springLoads;
    }

    public String viaCached(String key) {
        return summarize(key);
    }

    @Cached(operation = "self-summaries")
    private String summarize(String key) {
        wovenLoads++;
        return "summary of " + key;
    }

    public String viaCacheable(String key) {
        return summarizeSpring(key);
    }

    @Cacheable("spring-summaries")
    public String summarizeSpring(String key) {
        springLoads++;
        return "summary of " + key;
    }
}
