package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cacheweave.runtime.config.Settings;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Cacheweave#cache} reaches the installed runtime's programmatic caches, and its invalidations reach them. */
class CacheweaveCacheTest {

    @Test
    void cache_ofTheInstalledRuntime_reachedByGlobalInvalidation() throws NoSuchFieldException {
        CacheRuntime runtime = WovenCalls.runtime(Settings.create(), new ManualClock());
        Cacheweave.install(runtime);
        Cache<String, String> texts = Cacheweave.cache("cacheweave-cache-test", String.class);
        assertSame(texts, runtime.cache("cacheweave-cache-test", String.class));
        texts.put("a", "1");
        texts.put("b", "2");
        Cacheweave.invalidatePattern("cacheweave-cache-test:a");
        assertNull(texts.get("a"));
        assertEquals("2", texts.get("b"));
        Cacheweave.invalidateOperation("cacheweave-cache-test");
        assertNull(texts.get("b"));

        record Holder(Map<String, List<Integer>> field) {
        }
        Type generic = Holder.class.getDeclaredField("field").getGenericType();
        Cache<String, Map<String, List<Integer>>> maps = Cacheweave.cache("cacheweave-cache-test-generic", generic);
        maps.put("k", Map.of("x", List.of(1, 2)));
        assertEquals(Map.of("x", List.of(1, 2)), maps.get("k"));
    }
}
