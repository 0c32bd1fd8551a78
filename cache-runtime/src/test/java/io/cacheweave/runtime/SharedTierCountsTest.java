package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.tier.CircuitBreaker;
import io.cacheweave.runtime.tier.GuardedTier;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-operation shared-tier counts behind a {@link GuardedTier}, as production builds the tier: failures are counted
 * for the operation that saw them, and writes the open breaker skipped are not shared writes (issue 13, item 6; the
 * same on a real Redis in {@code SharedTierOutageIT}).
 */
class SharedTierCountsTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final ManualClock clock = new ManualClock();
    private final InMemorySharedTier tier = new InMemorySharedTier(clock);
    private final CircuitBreaker breaker = CircuitBreaker.builder().name("test tier").failureThreshold(2)
            .openDuration(Duration.ofSeconds(5)).nanoClock(clock::nanos).build();
    private final CacheRuntime runtime = CacheRuntime.builder()
            .settings(Settings.builder().monitor(m -> m.jmx(false)).build()).clock(clock)
            .sharedTier(new GuardedTier(tier, breaker), JsonValueCodec.create()).build();

    @AfterEach
    void close() {
        runtime.close();
    }

    private MonitorSnapshot.Tier sharedTier(String operation) {
        return runtime.monitor().snapshot().operations().stream().filter(o -> o.operation().equals(operation))
                .findFirst().orElseThrow().tiers().stream().filter(t -> t.tier().equals("shared")).findFirst()
                .orElseThrow();
    }

    @Test
    void wovenMethod_failuresCountedForTheOperation_skippedWritesNotCounted() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime, "lookup", 60, false);
        tier.failing.set(true);
        WovenCalls.call(m, "1", () -> "v"); // get fails, put fails: the breaker opens
        WovenCalls.call(m, "2", () -> "v"); // get and put skipped
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals(2, sharedTier("lookup").errors());
        assertEquals(0, runtime.stats("lookup").orElseThrow().sharedWrites());

        tier.failing.set(false);
        clock.advance(Duration.ofSeconds(6)); // the breaker lets a probe through
        WovenCalls.call(m, "3", () -> "v");
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(1, runtime.stats("lookup").orElseThrow().sharedWrites());
        assertEquals(2, sharedTier("lookup").errors());
    }

    @Test
    void programmaticCache_failuresCountedForTheOperation_skippedWritesNotCounted() {
        Cache<String, Note> cache = runtime.cache("notes", Note.class);
        tier.failing.set(true);
        cache.put("a", new Note("a", 1)); // fails
        cache.get("absent"); // fails: the breaker opens
        cache.put("b", new Note("b", 1)); // skipped
        cache.putAll(java.util.Map.of("c", new Note("c", 1), "d", new Note("d", 1)), Duration.ofMinutes(1));
        assertEquals(2, sharedTier("notes").errors());
        assertEquals(0, runtime.stats("notes").orElseThrow().sharedWrites());
        assertEquals(new Note("b", 1), cache.get("b"), "the memory tier still serves");

        tier.failing.set(false);
        clock.advance(Duration.ofSeconds(6));
        cache.put("e", new Note("e", 1));
        assertEquals(1, runtime.stats("notes").orElseThrow().sharedWrites());
    }
}
