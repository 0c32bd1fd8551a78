package io.cacheweave.runtime.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.MapCache;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HierarchicalKeysTest {

    private final HierarchicalKeys keys = HierarchicalKeys.create(Settings.builder()
            .core(c -> c.keyHashThreshold(100)).build());
    private final MapCache<String, String> cache = new MapCache<>("users", new ManualClock(), Duration.ofHours(1), 100);

    @Test
    void key_fourParts_joinedBySeparator() {
        assertEquals("prompt:analysis:9f2c:user123", keys.key("prompt", "analysis", "9f2c", "user123"));
        assertEquals("prompt:analysis:9f2c:user123", keys.key((Object[]) new String[] {"prompt", "analysis", "9f2c",
                "user123"}));
        assertEquals("ml:model:v1.2", keys.key("ml", "model", "v1.2"));
    }

    @Test
    void key_partsEscapedLikeGeneratedKeys() {
        assertEquals("a\\:b:c", keys.key("a:b", "c"));
        assertEquals("a:b\\:c", keys.key("a", "b:c"));
        assertNotEquals(keys.key("a:b", "c"), keys.key("a", "b:c"));
        assertEquals("user:\\*:x\\?\\[y\\]", keys.key("user", "*", "x?[y]"));
        assertEquals("user:42:[1,2]", keys.key("user", 42L, List.of(1, 2)));
    }

    @Test
    void key_longPartHashed_shortPartsKept() {
        String prompt = "p".repeat(101);
        String key = keys.key("prompt", "analysis", prompt, "user123");
        assertTrue(key.matches("prompt:analysis:\\\\#[0-9a-f]{64}:user123"), key);
        assertEquals(key, keys.key("prompt", "analysis", "p".repeat(101), "user123"));
    }

    /** Seed 001's {@code _build_cache_key} keeps only the parts that are set: {@code if part}. */
    @Test
    void key_nullOrEmptyPart_skippedAsSeed001Does() {
        assertEquals("s:e:q", keys.key("s", "e", null, "q"));
        assertEquals("s:e:i", keys.key("s", "e", "i", ""));
        assertEquals("s", keys.key("s", null));
        assertEquals("a:b", keys.key("", "a", null, "b"));
        cache.put(keys.key("prompt", "analysis", "h1", null), "a");
        assertEquals("a", cache.get("prompt:analysis:h1"));
        assertEquals(1, cache.invalidatePattern(keys.pattern().part("prompt").part("").part("analysis").anyPart()
                .build(), null));
        assertEquals("a key needs at least one part that is not null or empty: [null, ]",
                assertThrows(IllegalArgumentException.class, () -> keys.key(null, "")).getMessage());
        assertEquals("parts must not be empty: a key has at least one part",
                assertThrows(IllegalArgumentException.class, () -> keys.key()).getMessage());
    }

    @Test
    void pattern_anyPart_removesOnlyThatUsersEntries() {
        cache.put(keys.key("prompt", "analysis", "h1", "u1"), "a");
        cache.put(keys.key("prompt", "analysis", "h2", "u1"), "b");
        cache.put(keys.key("prompt", "analysis", "h1", "u2"), "c");
        cache.put(keys.key("prompt", "suggestions", "h1", "u1"), "d");

        String pattern = keys.pattern().part("prompt").part("analysis").anyPart().part("u1").build();
        assertEquals(2, cache.invalidatePattern(pattern, "logout"));

        assertEquals("c", cache.get(keys.key("prompt", "analysis", "h1", "u2")));
        assertEquals("d", cache.get(keys.key("prompt", "suggestions", "h1", "u1")));
    }

    @Test
    void pattern_partWithWildcardOrSeparator_cannotWiden() {
        cache.put(keys.key("user", "1", "profile"), "one");
        cache.put(keys.key("user", "2", "profile"), "two");
        cache.put(keys.key("user", "*", "profile"), "star");
        cache.put(keys.key("user", "a:b", "profile"), "escaped");
        cache.put(keys.key("user", "a", "b:profile"), "other");

        assertEquals(1, cache.invalidatePattern(keys.pattern().part("user").part("*").part("profile").build(), null));
        assertEquals("one", cache.get(keys.key("user", "1", "profile")));
        assertEquals(null, cache.get(keys.key("user", "*", "profile")));

        assertEquals(1, cache.invalidatePattern(keys.pattern().part("user").part("a:b").part("profile").build(), null));
        assertEquals("other", cache.get(keys.key("user", "a", "b:profile")));
    }

    @Test
    void prefixPattern_removesEverythingUnderTheParts() {
        cache.put(keys.key("prompt", "analysis", "h1", "u1"), "a");
        cache.put(keys.key("prompt", "analysis", "h2"), "b");
        cache.put(keys.key("prompt", "analysisX", "h1"), "c");
        cache.put(keys.key("prompt", "analysis"), "d");

        assertEquals(2, cache.invalidatePattern(keys.prefixPattern("prompt", "analysis"), "model update"));
        assertEquals(List.of("c", "d"), List.of(cache.get(keys.key("prompt", "analysisX", "h1")),
                cache.get(keys.key("prompt", "analysis"))));
    }

    @Test
    void pattern_longLiteralPart_matchesItsHash() {
        String prompt = "q".repeat(101);
        cache.put(keys.key("prompt", prompt, "u1"), "a");
        cache.put(keys.key("prompt", "short", "u1"), "b");
        assertEquals(1, cache.invalidatePattern(keys.pattern().part("prompt").part(prompt).anyRest().build(), null));
        assertEquals("b", cache.get(keys.key("prompt", "short", "u1")));
    }

    @Test
    void key_wholeKeyAboveThreshold_storedUnderItsHash_patternCannotReachIt() {
        String key = keys.key("prompt", "p".repeat(60), "q".repeat(60));
        cache.put(key, "a");
        assertEquals("a", cache.get(key));
        assertEquals(0, cache.invalidatePattern(keys.prefixPattern("prompt"), null)); // documented limitation
    }

    @Test
    void pattern_misuse_refused() {
        assertThrows(IllegalStateException.class, () -> keys.pattern().part("a").anyRest().part("b"));
        assertThrows(IllegalStateException.class, () -> keys.pattern().anyRest());
        assertThrows(IllegalStateException.class, () -> keys.pattern().build());
        assertEquals(keys.pattern().part("a").part("b").build(),
                keys.pattern().part("a").part(null).part("b").build());
    }
}
