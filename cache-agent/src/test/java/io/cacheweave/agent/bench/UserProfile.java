package io.cacheweave.agent.bench;

import java.time.Instant;
import java.util.List;

/**
 * A small cached value: about 200 bytes of JSON, stored uncompressed (below the 1 KiB compression threshold).
 *
 * @param userId the user
 * @param displayName shown name
 * @param email address
 * @param locale language tag
 * @param plan subscription plan
 * @param roles granted roles
 * @param loginCount logins so far
 * @param lastSeen last activity
 */
public record UserProfile(String userId, String displayName, String email, String locale, String plan,
        List<String> roles, int loginCount, Instant lastSeen) {

    /** @return the profile {@link SharedTierService#profile} returns for {@code userId} */
    public static UserProfile of(String userId) {
        int n = userId.hashCode() & 0x7fff;
        return new UserProfile(userId, "Ada Lovelace " + n, "ada.lovelace." + n + "@example.com", "en-GB", "team",
                List.of("editor", "reviewer"), 1000 + n, Instant.parse("2026-11-03T09:41:27.512Z").plusSeconds(n));
    }
}
