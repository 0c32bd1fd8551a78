package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.tier.TierException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 004's users catch {@code StorageError} when {@code cache.set} did not persist; seed 001's get a
 * {@code CacheError} when an invalidation failed. {@link Cache#strict()} tells them, against a real Redis that is
 * stopped, while the cache itself stays fail-open.
 */
class StrictCacheIT {
    /** The runtimes' INFO lines and the warnings of the failures provoked, asserted on where they matter. */
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    @Test
    void redisStopped_strictWritesThrowNamingTheTier_plainWritesStayFailOpen() {
        RedisServer redis = RedisServers.local();
        Settings settings = Settings.builder().redis(r -> r.url(redis.url())).core(c -> c.namespace(redis.namespace()))
                .redis(r -> r.timeout(Duration.ofMillis(200))).breaker(b -> b.failureThreshold(100)).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            Cache<String, Note> cache = runtime.<String, Note>cacheBuilder("notes").valueType(Note.class)
                    .ttl(Duration.ofHours(2)).build();
            StrictCache<String, Note> strict = cache.strict();
            strict.put("a", new Note("a", 1));
            strict.putAll(Map.of("b", new Note("b", 2)));
            assertEquals(2, redis.keys().size(), "a strict write that returns has reached Redis");
            assertEquals(1, strict.invalidatePattern("b", "test"));

            redis.stop();
            cache.put("c", new Note("c", 3)); // fail-open: no exception
            CacheWriteException put = assertThrows(CacheWriteException.class,
                    () -> strict.put("c", new Note("c", 3)));
            assertEquals("notes", put.cache());
            assertEquals("redis", put.tier());
            assertEquals("put of [c]", put.call());
            assertTrue(put.getMessage().startsWith("cache notes: put of [c] did not reach the shared tier (redis): "),
                    put.getMessage());
            assertInstanceOf(TierException.class, put.getCause());

            assertThrows(CacheWriteException.class, () -> strict.putAll(Map.of("d", new Note("d", 4))));
            assertThrows(CacheWriteException.class, () -> strict.delete("a"));
            CacheWriteException invalidation = assertThrows(CacheWriteException.class,
                    () -> strict.invalidatePattern("*", "model updated"));
            assertEquals("invalidatePattern(\"*\")", invalidation.call());
            assertThrows(CacheWriteException.class, () -> strict.clear("test"));
            assertEquals(0, cache.invalidatePattern("*", "fail-open"), "the plain cache answers what it could");
            logs.assertLogged(org.slf4j.event.Level.WARN, "invalidation bus lost its subscription");
        } finally {
            redis.close();
        }
    }

    @Test
    void breakerOpen_strictWriteThrowsSayingSo() {
        RedisServer redis = RedisServers.local();
        Settings settings = Settings.builder().redis(r -> r.url(redis.url())).core(c -> c.namespace(redis.namespace()))
                .redis(r -> r.timeout(Duration.ofMillis(200))).breaker(b -> b.failureThreshold(1)
                .openDuration(Duration.ofMinutes(1))).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            Cache<String, Note> cache = runtime.cache("notes", Note.class);
            redis.stop();
            cache.put("a", new Note("a", 1)); // opens the breaker
            CacheWriteException e = assertThrows(CacheWriteException.class,
                    () -> cache.strict().put("b", new Note("b", 2)));
            assertTrue(e.getMessage().contains("is open after repeated failures; the call was not sent"),
                    e.getMessage());
            logs.assertOnce(org.slf4j.event.Level.WARN, "circuit breaker opened after 1 consecutive failures");
        } finally {
            redis.close();
        }
    }

    @Test
    void putAllWithoutTtl_usesTheCachesDefaultTtl() {
        RedisServer redis = RedisServers.local();
        Settings settings = Settings.builder().redis(r -> r.url(redis.url()))
                .core(c -> c.namespace(redis.namespace())).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            Cache<String, Note> cache = runtime.<String, Note>cacheBuilder("notes").valueType(Note.class)
                    .ttl(Duration.ofMinutes(30)).build();
            cache.putAll(Map.of("a", new Note("a", 1), "b", new Note("b", 2)));
            for (String key : redis.keys()) {
                long pttl = (Long) redis.call("PTTL", key);
                assertTrue(pttl > Duration.ofMinutes(29).toMillis() && pttl <= Duration.ofMinutes(30).toMillis(),
                        key + " " + pttl);
            }
            assertEquals(2, redis.keys().size());
            assertEquals(new Note("a", 1), cache.get("a"));
        } finally {
            redis.close();
        }
    }

    @Test
    void memoryOnly_strictWritesNeverThrow() {
        try (CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().build()).build()) {
            Cache<String, Note> cache = runtime.cache("notes", Note.class);
            StrictCache<String, Note> strict = cache.strict();
            strict.put("a", new Note("a", 1));
            assertEquals(1, strict.invalidatePattern("*", "test"));
        }
    }
}
