package io.cacheweave.agent.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Caffeine caches of an application that has others besides Cacheweave's: seven configurations, each serving
 * lookups of several key types, until the interpreter's profiles of Caffeine's and {@code ConcurrentHashMap}'s
 * shared code are of many cache and key types (as they are in a real service), not only the benchmark's.
 */
final class OtherCaches {
    private OtherCaches() {
    }

    record UserId(long id) {
    }

    record Pair(String a, String b) {
    }

    static void exercise() {
        List<Cache<Object, Object>> caches = List.of(
                Caffeine.newBuilder().build(),
                Caffeine.newBuilder().maximumSize(1_000).recordStats().build(),
                Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(5)).build(),
                Caffeine.newBuilder().weakKeys().build(),
                Caffeine.newBuilder().softValues().maximumSize(500).build(),
                Caffeine.newBuilder().maximumWeight(10_000).weigher((k, v) -> 1).build(),
                Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100).build());
        ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>();
        Object[] keys = {"text", 42, 42L, new UserId(7), new Pair("a", "b"), List.of("x", 1), 'c', 3.5};
        for (int round = 0; round < 20_000; round++) {
            for (Cache<Object, Object> cache : caches) {
                for (Object key : keys) {
                    if (cache.getIfPresent(key) == null) {
                        cache.put(key, key);
                    }
                    map.putIfAbsent(key, key);
                    map.get(key);
                }
            }
        }
    }
}
