package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.tier.FileTier;
import io.cacheweave.runtime.tier.FileTierConfig;
import io.cacheweave.runtime.woven.CachedValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 7: {@code @Invalidate(pattern = "docs:*:{owner}")} for owner {@code b} removes the entries of owner
 * {@code b} only, never those of owners {@code a:b}, {@code *:b}, {@code \:b} or {@code cacheweave:v1:ki-docs:t1:b},
 * whose rendered keys end in {@code \:b}: a wildcard matches whole characters of the key, in the memory tier, in
 * Redis (real) and in the file tier alike.
 */
class WildcardEscapesIT {
    /** Owners whose entries must stay. */
    private static final List<String> OTHER_OWNERS = List.of("a:b", "*:b", "\\:b", "cacheweave:v1:ki-docs:t1:b");
    /** Tenants of owner b's entries, all removed: the * crosses parts and escapes as whole characters. */
    private static final List<String> TENANTS = List.of("t1", "t2", "x:y");
    /** What {@code @Invalidate(pattern = "docs:*:{owner}")} renders for owner {@code b}. */
    private static final String PATTERN = "docs:*:b";

    @TempDir
    Path files;

    private static Object call(MethodCache m, String tenant, String owner) {
        Object token = m.enter(m.keys.key(tenant, owner));
        if (token instanceof CachedValue v) {
            return v.value();
        }
        m.exit(token, tenant + "/" + owner, null);
        return tenant + "/" + owner;
    }

    private static boolean inMemory(MethodCache m, String tenant, String owner) {
        return m.inMemory(m.keys.key(tenant, owner));
    }

    /** @return the logical keys of every entry the test writes */
    private static Set<String> fill(MethodCache m) {
        Set<String> keys = new TreeSet<>();
        for (String tenant : TENANTS) {
            call(m, tenant, "b");
            keys.add(m.logicalKey(m.keys.key(tenant, "b")));
        }
        for (String owner : OTHER_OWNERS) {
            call(m, "t1", owner);
            keys.add(m.logicalKey(m.keys.key("t1", owner)));
        }
        return keys;
    }

    private static Set<String> othersOnly(MethodCache m) {
        Set<String> keys = new TreeSet<>();
        for (String owner : OTHER_OWNERS) {
            keys.add(m.logicalKey(m.keys.key("t1", owner)));
        }
        return keys;
    }

    @Test
    void memoryTier_removesOwnerBOnly() {
        try (CacheRuntime runtime = CacheRuntime.builder().settings(Settings.create()).build()) {
            MethodCache m = WovenCalls.textMethod(runtime, "docs", 600, false);
            fill(m);
            assertEquals(TENANTS.size(), runtime.pattern(PATTERN, "test"));
            for (String tenant : TENANTS) {
                assertEquals(false, inMemory(m, tenant, "b"), tenant + "/b");
            }
            for (String owner : OTHER_OWNERS) {
                assertEquals(true, inMemory(m, "t1", owner), "t1/" + owner + " must stay");
            }
        }
    }

    @Test
    void redis_removesOwnerBOnly() {
        try (RedisServer redis = RedisServers.standalone();
                CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().redis(r -> r.url(redis.url()))
                        .core(c -> c.namespace(redis.namespace())).build()).build()) {
            MethodCache m = WovenCalls.textMethod(runtime, "docs", 600, false);
            Set<String> written = fill(m);
            assertEquals(physical(redis.namespace(), written), new TreeSet<>(redis.keys()));
            assertEquals(TENANTS.size(), runtime.pattern(PATTERN, "test"));
            assertEquals(physical(redis.namespace(), othersOnly(m)), new TreeSet<>(redis.keys()),
                    "Redis keeps every other owner's entry");
        }
    }

    @Test
    void fileTier_removesOwnerBOnly() {
        try (CacheRuntime runtime = CacheRuntime.builder().settings(Settings.create()).build();
                FileTier tier = FileTier.open(FileTierConfig.of(files))) {
            MethodCache m = WovenCalls.textMethod(runtime, "docs", 600, false);
            Set<String> written = fill(m);
            for (String key : physical("cacheweave", written)) {
                tier.put(key, key.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1));
            }
            assertEquals(TENANTS.size(), tier.deleteMatching("cacheweave:v1:" + PATTERN));
            assertEquals(physical("cacheweave", othersOnly(m)), new TreeSet<>(tier.keys("*", 100)));
        }
    }

    private static Set<String> physical(String namespace, Set<String> logical) {
        Set<String> out = new TreeSet<>();
        logical.forEach(k -> out.add(namespace + ":v1:" + k));
        return out;
    }
}
