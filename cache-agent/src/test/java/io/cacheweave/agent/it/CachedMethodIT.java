package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every call here goes through woven code: run twice by failsafe, under {@code -javaagent:cache-agent.jar} and
 * without an agent over classes woven at build time (see {@link WeavingModeIT}).
 */
class CachedMethodIT {
    private final ManualClock clock = new ManualClock();
    private final WovenService service = new WovenService();

    @BeforeEach
    void freshRuntime() {
        Settings settings = Settings.builder().core(c -> c.operationTtl("it-configured",
                Duration.ofSeconds(10))).build();
        Cacheweave.install(CacheRuntime.builder().settings(settings).clock(clock).build());
        WovenService.STATIC_RUNS.set(0);
    }

    @Test
    void summarize_secondEqualCallIsServedWithoutRunningTheBody() {
        Summary first = service.summarize("hello world", new Options("en", 10));
        Summary second = service.summarize("hello world", new Options("en", 10));

        assertEquals(new Summary("HELLO WORLD/en", 2), first);
        assertSame(first, second);
        assertEquals(1, service.summarizeRuns.get());
    }

    @Test
    void summarize_differentArgumentsAreDifferentEntries() {
        service.summarize("hello world", new Options("en", 10));
        service.summarize("hello world", new Options("de", 10));
        service.summarize("hello there", new Options("en", 10));
        service.summarize("hello world", new Options("de", 10));

        assertEquals(3, service.summarizeRuns.get());
    }

    @Test
    void summarize_runsAgainAfterTtl() {
        service.summarize("text", new Options("en", 1));
        clock.advance(Duration.ofSeconds(7199));
        service.summarize("text", new Options("en", 1));
        assertEquals(1, service.summarizeRuns.get());

        clock.advance(Duration.ofSeconds(2));
        service.summarize("text", new Options("en", 1));
        assertEquals(2, service.summarizeRuns.get());
    }

    @Test
    void configuredOperationTtl_winsOverTheAnnotation() {
        service.configured("a");
        clock.advance(Duration.ofSeconds(11));
        service.configured("a");

        assertEquals(2, service.configuredRuns.get());
    }

    @Test
    void privateSelfInvokedMethod_isCached() {
        assertEquals("secret:x", service.callPrivate("x"));
        assertEquals("secret:x", service.callPrivate("x"));
        assertEquals(1, service.privateRuns.get());
    }

    @Test
    void staticMethod_isCached() {
        assertEquals("static:1", WovenService.staticLookup("1"));
        assertEquals("static:1", WovenService.staticLookup("1"));
        assertEquals(1, WovenService.STATIC_RUNS.get());
    }

    @Test
    void finalMethod_isCached() {
        service.finalLookup("1");
        service.finalLookup("1");
        assertEquals(1, service.finalRuns.get());
    }

    @Test
    void genericReturnType_isCached() {
        List<Summary> first = service.summarizeAll(List.of("a", "b"));
        List<Summary> second = service.summarizeAll(List.of("a", "b"));
        assertEquals(List.of(new Summary("a", 1), new Summary("b", 1)), second);
        assertSame(first, second);
        assertEquals(1, service.listRuns.get());
    }

    @Test
    void exceptions_areNeverCached() {
        IOException first = assertThrows(IOException.class, () -> service.failing("fail-1"));
        IOException second = assertThrows(IOException.class, () -> service.failing("fail-1"));
        assertNotEquals(first.getMessage(), second.getMessage());
        assertEquals(2, service.failingRuns.get());
        assertEquals(2, Cacheweave.stats("it-failing").orElseThrow().loadFailures());
    }

    @Test
    void nullResults_areReturnedButNotStored() {
        assertNull(service.nothing("a"));
        assertNull(service.nothing("a"));
        assertEquals(2, service.nullRuns.get());
    }

    @Test
    void primitiveArgumentAndReturn_areCached() {
        assertEquals(49L, service.square(7));
        assertEquals(49L, service.square(7));
        assertEquals(1_000_000L, service.square(1000));
        assertEquals(1_000_000L, service.square(1000));
        assertEquals(2, service.primitiveRuns.get());
    }

    @Test
    void moreThanFourParameters_areCached() {
        String first = service.wide("a", 1, 2L, true, 'c', 1.5);
        assertEquals(first, service.wide("a", 1, 2L, true, 'c', 1.5));
        service.wide("a", 1, 2L, true, 'c', 2.5);
        assertEquals(2, service.wideRuns.get());
    }

    @Test
    void cacheKeyParameters_aloneDistinguishEntries() {
        assertEquals("profile:7:req-1", service.profile(7, "req-1"));
        assertEquals("profile:7:req-1", service.profile(7, "req-2"));
        service.profile(8, "req-3");
        assertEquals(2, service.profileRuns.get());
    }

    @Test
    void keyTemplate_withPropertyPath_choosesTheKey() {
        assertEquals("model:p1:en", service.model("p1", new Options("en", 1)));
        assertEquals("model:p1:en", service.model("p2", new Options("en", 99)));
        service.model("p1", new Options("fr", 1));
        assertEquals(2, service.modelRuns.get());
    }

    @Test
    void noArgumentMethod_hasOneEntry() {
        service.noArg();
        service.noArg();
        assertEquals(1, service.noArgRuns.get());
    }

    @Test
    void invalidatePattern_makesTheNextCallMiss() {
        service.summarize("t", new Options("en", 1));
        service.onModelUpdate();
        service.summarize("t", new Options("en", 1));
        assertEquals(2, service.summarizeRuns.get());
    }

    @Test
    void invalidateWithPlaceholder_removesOnlyThatKey_andOperationRemovesAll() {
        service.finalLookup("1");
        service.finalLookup("2");
        WovenService.staticLookup("s");
        service.forget("1");

        service.finalLookup("1");
        service.finalLookup("2");
        WovenService.staticLookup("s");
        assertEquals(3, service.finalRuns.get());
        assertEquals(2, WovenService.STATIC_RUNS.get());
    }

    @Test
    void invalidate_doesNothingWhenTheMethodThrows() {
        service.summarize("t", new Options("en", 1));
        assertThrows(IllegalStateException.class, service::failingUpdate);
        service.summarize("t", new Options("en", 1));
        assertEquals(1, service.summarizeRuns.get());
    }

    @Test
    void stats_countHitsMissesAndLoadsPerOperation() {
        service.finalLookup("1");
        service.finalLookup("1");
        service.finalLookup("1");
        service.finalLookup("2");

        OperationStats stats = Cacheweave.stats("it-final").orElseThrow();
        assertEquals(2, stats.hits());
        assertEquals(2, stats.misses());
        assertEquals(2, stats.loads());
        assertEquals(0.5, stats.hitRatio());
    }
}
