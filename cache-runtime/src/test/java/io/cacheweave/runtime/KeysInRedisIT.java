package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Physical keys in a real Redis: argument values that look like wildcards, separators or whole keys can neither
 * collide with each other nor widen an invalidation pattern, and long text is hashed.
 */
class KeysInRedisIT {
    /** Values that try to break out of their key part. */
    private static final List<String> TRICKY = List.of("a", "a*", "*", "a:b", "a\\:b", "?", "[ab]", "\\", "b",
            "ab", "", "esc:a", "NAMESPACE", "NAMESPACE:v1:esc:a");


    private RedisServer redis;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void start() {
        redis = RedisServers.standalone();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    private CacheRuntime node() {
        return CacheRuntime.builder()
                .settings(redis.settings().build()).build();
    }

    private static MethodCache method(CacheRuntime node) {
        return WovenCalls.textMethod(node, "esc", 600, false);
    }

    private Object call(MethodCache m, String id) throws Exception {
        return WovenCalls.call(m, id, () -> {
            loads.incrementAndGet();
            return "v:" + id;
        });
    }

    private List<String> values() {
        return TRICKY.stream().map(v -> v.replace("NAMESPACE", redis.namespace())).toList();
    }

    @Test
    void trickyValues_getOneKeyEach_andNeverAnotherValuesEntry() throws Exception {
        try (CacheRuntime a = node(); CacheRuntime b = node()) {
            MethodCache onA = method(a);
            for (String v : values()) {
                call(onA, v);
            }
            Set<String> keys = new TreeSet<>(redis.keys());
            assertEquals(values().size(), keys.size(), keys.toString());

            MethodCache onB = method(b); // empty memory tier: every value comes from Redis by its own key
            for (String v : values()) {
                assertEquals("v:" + v, call(onB, v));
            }
            assertEquals(values().size(), loads.get());
        }
    }

    @Test
    void patternWithAWildcardValue_removesOnlyThatValuesEntry() throws Exception {
        try (CacheRuntime a = node()) {
            MethodCache m = method(a);
            for (String v : values()) {
                call(m, v);
            }
            a.invalidatePattern(a.patternWriter().literal("esc:").value("a*").toString());

            assertFalse(m.inMemory("a*"));
            for (String v : values()) {
                if (!v.equals("a*")) {
                    assertTrue(m.inMemory(v), v + " must survive");
                }
            }
            assertEquals(values().size() - 1, redis.keys().size(), redis.keys().toString());
        }
    }

    @Test
    void longText_isStoredUnderItsSha256_shortTextAsIs() throws Exception {
        try (CacheRuntime a = node()) {
            MethodCache m = method(a);
            String longText = "x".repeat(1001);
            call(m, longText);
            call(m, "short");
            Set<String> keys = new TreeSet<>(redis.keys());
            String prefix = redis.namespace() + ":v1:esc:";
            assertTrue(keys.contains(prefix + "short"), keys.toString());
            assertTrue(keys.stream().anyMatch(k -> k.matches(java.util.regex.Pattern.quote(prefix + "\\#")
                    + "[0-9a-f]{64}")), keys.toString());
            try (CacheRuntime other = node()) {
                assertEquals("v:" + longText, call(method(other), longText));
            }
        }
    }
}
