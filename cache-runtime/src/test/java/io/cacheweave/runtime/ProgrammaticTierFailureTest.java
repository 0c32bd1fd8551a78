package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/** Error paths of a programmatic cache against a shared tier that throws or holds bytes that do not decode. */
class ProgrammaticTierFailureTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();
    private final ManualClock clock = new ManualClock();
    private final InMemorySharedTier tier = new InMemorySharedTier(clock);
    private final CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().build()).clock(clock)
            .sharedTier(tier, JsonValueCodec.create()).build();
    private final Cache<String, Note> cache = runtime.cache("notes", Note.class);

    @Test
    void throwingTier_neverReachesTheCaller() {
        tier.failing.set(true);
        AtomicInteger loads = new AtomicInteger();
        assertEquals(new Note("v", 1), cache.getOrLoad("k", k -> new Note("v", loads.incrementAndGet())));
        assertEquals(new Note("v", 1), cache.getOrLoad("k", k -> new Note("v", loads.incrementAndGet())));
        assertEquals(1, loads.get());
        cache.put("p", new Note("p", 1));
        assertEquals(Map.of("p", new Note("p", 1)), cache.getAll(List.of("p", "q")));
        assertTrue(cache.exists("p"));
        assertTrue(cache.remainingTtl("p").isPresent(), "the memory tier answers");
        assertTrue(cache.extendTtl("p", 10), "extended in memory");
        assertEquals(List.of("k", "p"), cache.keys(""));
        assertEquals(1, cache.invalidatePattern("p", null));
        assertTrue(cache.delete("k"));
        assertEquals(0, cache.clear());
        assertEquals(0, cache.cleanupExpired());
        // each kind of failure is logged once at WARN with its cause, later ones of that kind at DEBUG
        assertEquals("the test made the tier fail",
                logs.assertOnce(Level.WARN, "shared tier read of cacheweave:v1:notes:k failed").thrown().getMessage());
        logs.assertOnce(Level.WARN, "shared tier write of [notes:k] failed");
        logs.assertOnce(Level.WARN, "shared tier invalidation of notes:p failed");
    }

    @Test
    void undecodableBytes_areAMiss_removedAndCounted() {
        cache.put("k", new Note("v", 1), Duration.ofMinutes(1));
        String physical = "cacheweave:v1:notes:k";
        tier.entries.put(physical, new InMemorySharedTier.Entry(new byte[] {1, 2, 3}, clock.nanos() + 60_000_000_000L));
        runtime.local.apply(io.cacheweave.runtime.tier.Invalidation.Kind.ALL, "");
        assertNull(cache.get("k"));
        assertFalse(tier.entries.containsKey(physical), "the unreadable entry is deleted");
        assertEquals(1, runtime.stats("notes").orElseThrow().decodeFailures());
        logs.assertOnce(Level.WARN, "removing an entry of notes that does not decode as");
    }
}
