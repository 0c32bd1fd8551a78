package io.cacheweave.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * The issue's bad input, each through {@link ChatResponseCache.Lookup#load} as the adapters call it: the call goes to
 * the model, the caller gets the model's answer and no exception, and the cause is logged once. (A vector of the wrong
 * dimension in the shared tier needs two nodes over one Redis: {@link SharedSemanticIT}.)
 */
class BadInputTest {

    @RegisterExtension
    final LogCapture logs = new LogCapture();
    private CacheRuntime runtime;
    private final AtomicInteger modelCalls = new AtomicInteger();

    @BeforeEach
    void start() {
        runtime = CacheRuntime.builder().settings(Settings.builder().monitor(m -> m.jmx(false)).build()).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private static ChatCall ask(String question, Map<String, ?> options) {
        return new ChatCall("fake", "m1", List.of(ChatCall.Turn.system("answer briefly"), ChatCall.Turn.user(question)),
                List.of(), options);
    }

    /** Calls the model as an adapter would, through the lookup. */
    private String call(ChatResponseCache cache, ChatCall call) {
        return cache.lookup(call).load(() -> "model answer #" + modelCalls.incrementAndGet(),
                text -> new ChatAnswer(text, List.of(), "STOP", 10, 5, "m1"), ChatAnswer::text);
    }

    @Test
    void optionOfAnUnknownType_goesToTheModelUncached_loggedOnceNamingTheOption() {
        ChatResponseCache cache = ChatResponseCache.create(runtime, ChatCacheOptions.create("opaque"));
        Map<String, Object> options = Map.of("temperature", 0, "routing", new Object());
        ChatResponseCache.Lookup lookup = cache.lookup(ask("q", options));
        assertFalse(lookup.cacheable());
        assertEquals("model answer #1", call(cache, ask("q", options)));
        assertEquals("model answer #2", call(cache, ask("q", options)), "never a stored answer");
        logs.assertOnce(Level.WARN, "could not be rendered into a cache key, so it goes to the model uncached: "
                + "option routing has a value of type java.lang.Object");
        assertEquals(3, cache.savings().bypassedRequests());
        assertEquals("model answer #3", call(cache, ask("q", Map.of("temperature", 0))), "a plain request is cached");
        assertEquals("model answer #3", call(cache, ask("q", Map.of("temperature", 0))));
    }

    @Test
    void slowEmbedder_oneCallWaitsTheTimeout_othersSkipSemanticUntilItEnds_exactHitsGoOn_loggedOnce()
            throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger embeddings = new AtomicInteger();
        Embedder slow = new Embedder() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public float[] embed(String text) {
                if (embeddings.incrementAndGet() == 1) {
                    boolean released = false;
                    while (!released) { // deaf to interrupts, as a blocking network call may be
                        try {
                            released = release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            // keep waiting
                        }
                    }
                }
                return text.contains("cache") ? new float[] {1, 0} : new float[] {0, 1};
            }
        };
        ChatResponseCache cache = ChatResponseCache.create(runtime, ChatCacheOptions.builder("slow")
                .semantic(slow).embedTimeout(Duration.ofMillis(50)).build());
        Map<String, ?> exact = Map.of("temperature", 0);
        try {
            assertEquals("model answer #1", call(cache, ask("what is a cache?", exact)), "waited 50 ms, then the model");
            assertEquals("model answer #2", call(cache, ask("what's a cache?", exact)), "no vector: no semantic hit");
            assertEquals("model answer #1", call(cache, ask("what is a cache?", exact)), "the exact hit");
            assertEquals(1, embeddings.get(), "no other embedding while the late one runs (no thread per call)");
            logs.assertOnce(Level.WARN, "embedder slow took longer than PT0.05S; semantic lookups are skipped");
        } finally {
            release.countDown();
        }
        // once the late embedding ended, semantic lookups resume
        long deadline = System.nanoTime() + 10_000_000_000L;
        int n = 0;
        while (embeddings.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
            call(cache, ask("another question " + n++, exact));
        }
        assertTrue(embeddings.get() >= 2, "embedding resumed: " + embeddings.get());
        assertEquals(1, logs.find(Level.WARN, "took longer than").size(), "logged once");
    }

    @Test
    void embedderReturningNoVector_semanticLookupsSkipped_loggedOnce() {
        Embedder empty = new Embedder() {
            @Override
            public String name() {
                return "empty";
            }

            @Override
            public float[] embed(String text) {
                return new float[0];
            }
        };
        ChatResponseCache cache = ChatResponseCache.create(runtime, ChatCacheOptions.builder("empty").semantic(empty)
                .build());
        Map<String, ?> exact = Map.of("temperature", 0);
        assertEquals("model answer #1", call(cache, ask("q1", exact)));
        assertEquals("model answer #2", call(cache, ask("q2", exact)));
        assertEquals("model answer #1", call(cache, ask("q1", exact)));
        logs.assertOnce(Level.WARN, "embedder empty returned no vector");
    }
}
