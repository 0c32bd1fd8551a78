package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Redis that is down never reaches the caller of a programmatic cache: loads still answer, the rest degrades. The
 * memory tier is not served meanwhile (the invalidation bus cannot vouch for it): reads miss and loads run again.
 */
class ProgrammaticFailOpenIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();


    @Test
    void redisDown_getOrLoadReturnsTheLoadersValue_andEveryOperationDegrades() {
        RedisServer redis = RedisServers.local();
        redis.stop();
        Settings settings = Settings.builder().redis(r -> r.url(redis.url())).core(c -> c.namespace(redis.namespace()))
                .redis(r -> r.timeout(Duration.ofMillis(100))).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            Cache<String, Note> cache = runtime.cache("notes", Note.class);
            AtomicInteger loads = new AtomicInteger();
            assertEquals(new Note("v", 1), cache.getOrLoad("k", k -> new Note("v", loads.incrementAndGet())));
            assertEquals(new Note("v", 2), cache.getOrLoad("k", k -> new Note("v", loads.incrementAndGet())));
            assertEquals(2, loads.get(), "the memory tier is not served while the bus is not known healthy");
            assertEquals(new Note("w", 2), cache.async().getOrLoad("other",
                    k -> CompletableFuture.completedFuture(new Note("w", 2)), Duration.ofMinutes(1))
                    .orTimeout(10, TimeUnit.SECONDS).join());

            cache.put("p", new Note("p", 1));
            assertNull(cache.get("p"), "stored in memory, not served while the bus is not known healthy");
            cache.putAll(Map.of("q", new Note("q", 1)), Duration.ofMinutes(1));
            assertEquals(Map.of(), cache.getAll(List.of("q", "absent")));
            assertEquals(List.of("k", "other", "p", "q"), cache.keys(""));
            assertFalse(cache.extendTtl("absent", 10));
            assertEquals(1, cache.invalidatePattern("q", "test"));
            cache.delete("p");
            assertNull(cache.get("p"));
            assertEquals(2, cache.clear());
            assertEquals(0, cache.cleanupExpired());
        } finally {
            redis.close();
        }
    }
}
