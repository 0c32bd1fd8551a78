package io.cacheweave.runtime;

import static io.cacheweave.runtime.WovenCalls.call;
import static io.cacheweave.runtime.WovenCalls.isCached;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.woven.InvalidateFunction;
import io.cacheweave.runtime.woven.InvalidateSpec;
import io.cacheweave.runtime.woven.InvalidatingMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The process-wide registry. Operations here are unique to this class: registered methods stay registered. */
class CacheweaveTest {

    @Test
    void cachedMethod_boundToInstalledRuntimeAndRebound() throws Exception {
        ManualClock clock = new ManualClock();
        CacheRuntime first = WovenCalls.runtime(Settings.create(), clock);
        Cacheweave.install(first);
        assertSame(first, Cacheweave.runtime());
        MethodCache m = (MethodCache) Cacheweave.cachedMethod(WovenCalls.spec("cacheweave-test-global", 60),
                new WovenCalls.ArgumentKeys());
        assertTrue(Cacheweave.cachedMethods().contains(m));

        AtomicInteger runs = new AtomicInteger();
        call(m, "k", runs::incrementAndGet);
        call(m, "k", runs::incrementAndGet);
        assertEquals(1, runs.get());
        assertEquals(1, Cacheweave.stats("cacheweave-test-global").orElseThrow().hits());

        CacheRuntime second = WovenCalls.runtime(Settings.builder()
                .core(c -> c.operationTtl("cacheweave-test-global", Duration.ofSeconds(5))).build(), clock);
        Cacheweave.install(second);
        assertEquals(Duration.ofSeconds(5), m.ttl(), "rebound with the new runtime's settings");
        assertFalse(isCached(m, "k"), "rebound with an empty memory tier");
        call(m, "k", runs::incrementAndGet);
        assertEquals(2, runs.get());
        assertTrue(Cacheweave.stats().containsKey("cacheweave-test-global"));

        Cacheweave.invalidatePattern("cacheweave-test-global:*");
        assertFalse(isCached(m, "k"));
        call(m, "k", runs::incrementAndGet);
        Cacheweave.invalidateOperation("cacheweave-test-global");
        assertFalse(isCached(m, "k"));
        assertEquals(2, Cacheweave.stats("cacheweave-test-global").orElseThrow().invalidations());

        call(m, "k", runs::incrementAndGet);
        Cacheweave.invalidatePattern("cacheweave-test-global:k", "model updated");
        assertFalse(isCached(m, "k"));
        call(m, "k", runs::incrementAndGet);
        Cacheweave.invalidateOperation("cacheweave-test-global", "nightly reset");
        assertFalse(isCached(m, "k"));
        Cacheweave.invalidateOperation("cacheweave-test-global", null);
        assertEquals(java.util.Map.of("", 3L, "model updated", 1L, "nightly reset", 1L),
                second.invalidationContexts("cacheweave-test-global"));
    }

    @Test
    void invalidatingMethod_appliesGeneratedInvalidations() throws Exception {
        Cacheweave.install(WovenCalls.runtime(Settings.create(), new ManualClock()));
        MethodCache m = (MethodCache) Cacheweave.cachedMethod(WovenCalls.spec("cacheweave-test-inv", 60),
                new WovenCalls.ArgumentKeys());
        call(m, "a:b", () -> "x");
        call(m, "a", () -> "y");
        InvalidatingMethod inv = Cacheweave.invalidatingMethod(new InvalidateSpec("com.acme.Service", "update",
                "(Ljava/lang/String;)V", List.of("pattern=cacheweave-test-inv:{id}")), new InvalidateFunction() {
                    @Override
                    public void invalidate(Object[] args, Invalidator invalidator, boolean before) {
                        if (!before) {
                            invalidator.invalidatePattern(invalidator.patternWriter().literal("cacheweave-test-inv:")
                                    .value(args[0]).toString());
                        }
                    }
                });
        inv.beforeInvocation(new Object[] {"a:b"});
        assertTrue(isCached(m, "a:b"), "this method has no beforeInvocation invalidation");
        inv.afterReturn(new Object[] {"a:b"});
        assertFalse(isCached(m, "a:b"));
        assertTrue(isCached(m, "a"));
        inv.afterReturn(new Object[] {null}); // renders \0: matches nothing, throws nothing
        assertTrue(isCached(m, "a"));
    }

    @Test
    void key_removesExactlyThatEntry_withGlobCharactersInTheKey() throws Exception {
        Cacheweave.install(WovenCalls.runtime(Settings.create(), new ManualClock()));
        MethodCache m = (MethodCache) Cacheweave.cachedMethod(WovenCalls.spec("cacheweave-test-key", 60),
                new WovenCalls.ArgumentKeys());
        call(m, "a*", () -> "x");
        call(m, "ab", () -> "y");
        call(m, "a", () -> "z");
        Invalidator runtime = Cacheweave.runtime();
        runtime.invalidateKey("cacheweave-test-key", runtime.keyWriter().value("a*").toString());
        assertFalse(isCached(m, "a*"));
        assertTrue(isCached(m, "ab"), "a* is a key here, not a pattern");
        assertTrue(isCached(m, "a"));
    }
}
