package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application without Reactor (this test runs in its own failsafe execution with reactor-core off the class
 * path) and without Kotlin (kotlin-stdlib is an optional dependency of cache-runtime, never on this module's class
 * path): woven plain and future-returning methods load and cache as before.
 */
class WithoutReactorIT {

    @BeforeEach
    void memoryOnly() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
    }

    @Test
    void reactor_isNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("reactor.core.publisher.Mono"));
    }

    @Test
    void kotlin_isNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("kotlin.coroutines.Continuation"));
    }

    @Test
    void plainMethod_isCached() {
        WovenService service = new WovenService();
        Summary first = service.summarize("text", new Options("en", 3));
        assertEquals(first, service.summarize("text", new Options("en", 3)));
        assertEquals(1, service.summarizeRuns.get());
    }

    @Test
    void futureMethod_isCached() throws Exception {
        ReturnShapesService service = new ReturnShapesService();
        CompletableFuture<String> first = service.future("a");
        service.pending.complete("value");
        assertEquals("value", first.get(5, TimeUnit.SECONDS));
        assertEquals("value", service.future("a").get(5, TimeUnit.SECONDS));
        assertEquals(1, service.futureRuns.get());
    }
}
