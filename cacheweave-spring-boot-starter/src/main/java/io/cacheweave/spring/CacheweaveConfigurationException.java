package io.cacheweave.spring;

import java.util.List;

/**
 * Start-up stops because a Cacheweave setting cannot be used: a malformed {@code cacheweave.*} value or a
 * {@code spring.data.redis.url} that is not a Redis URL. {@link CacheweaveConfigurationFailureAnalyzer} turns it into
 * Spring Boot's description and action.
 */
public final class CacheweaveConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one message per setting, naming it, its source and the allowed form */
    public CacheweaveConfigurationException(List<String> problems) {
        super("cacheweave settings cannot be used: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one message per setting that cannot be used */
    public List<String> problems() {
        return problems;
    }
}
