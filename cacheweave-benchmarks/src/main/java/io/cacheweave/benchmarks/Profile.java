package io.cacheweave.benchmarks;

import java.io.Serializable;
import java.util.List;

/**
 * The small record of the Redis-hit benchmark (about 200 bytes as JSON). {@link Serializable}, because Spring's
 * {@code RedisCacheManager} and JetCache store values with Java serialization by default.
 */
public record Profile(String userId, String displayName, String email, int age, List<String> roles, String bio)
        implements Serializable {
    /** @return the profile every peer's body returns for {@code userId} */
    public static Profile of(String userId) {
        return new Profile(userId, "User " + userId, userId + "@example.com", 30 + userId.length(),
                List.of("reader", "writer"), "A profile of " + userId + " as a service would load it from a database.");
    }
}
