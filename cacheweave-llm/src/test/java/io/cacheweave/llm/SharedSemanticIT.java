package io.cacheweave.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.testing.TestLogs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Semantic hits across nodes: two runtimes over one real Redis, each with its own memory tier and index. */
class SharedSemanticIT {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServers.standalone();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static CacheRuntime node() {
        return CacheRuntime.builder().settings(redis.settings().build()).build();
    }

    private static ChatCall ask(String question) {
        return new ChatCall("fake", "m1", List.of(ChatCall.Turn.system("answer briefly"), ChatCall.Turn.user(question)),
                List.of(), Map.of("temperature", 0));
    }

    private static ChatCacheOptions options(String cache, Embedder embedder) {
        return ChatCacheOptions.builder(cache).semantic(embedder).similarity(0.9)
                .semanticRefresh(Duration.ofMillis(1)).build();
    }

    @Test
    void lookup_questionStoredByAnotherNode_semanticHit() {
        try (CacheRuntime a = node(); CacheRuntime b = node()) {
            ChatResponseCache onA = ChatResponseCache.create(a, options("shared", new WordHashEmbedder("words", 256)));
            ChatResponseCache.Lookup miss = onA.lookup(ask("What is the capital of France?"));
            assertTrue(miss.hit().isEmpty());
            miss.store(new ChatAnswer("Paris.", List.of(), "STOP", 20, 3, "m1"));

            ChatResponseCache onB = ChatResponseCache.create(b, options("shared", new WordHashEmbedder("words", 256)));
            ChatResponseCache.Lookup hit = onB.lookup(ask("what is the capital of France"));
            assertEquals("Paris.", hit.hit().orElseThrow().text());
            assertTrue(hit.semantic(), "found by meaning, not by the exact request");
            assertEquals(1, onB.savings().snapshot().get("m1").semanticHits());

            assertTrue(onB.lookup(ask("What is not the capital of France?")).hit().isEmpty(), "the guard: negation");
            ChatCall otherModel = new ChatCall("fake", "m2", ask("what is the capital of France").messages(), List.of(),
                    Map.of("temperature", 0));
            assertTrue(onB.lookup(otherModel).hit().isEmpty(), "another model is another scope");
        }
    }

    @Test
    void lookup_vectorsOfAnotherModelInTheSharedTier_skippedAndLoggedOnce() {
        try (CacheRuntime a = node(); CacheRuntime b = node(); LogCapture logs = new LogCapture().start()) {
            ChatResponseCache onA = ChatResponseCache.create(a, options("mixed", new WordHashEmbedder("words", 128)));
            ChatResponseCache.Lookup miss = onA.lookup(ask("How tall is the Eiffel Tower?"));
            miss.store(new ChatAnswer("330 m.", List.of(), "STOP", 20, 3, "m1"));

            ChatResponseCache onB = ChatResponseCache.create(b, options("mixed", new WordHashEmbedder("other", 64)));
            assertFalse(onB.lookup(ask("how tall is the Eiffel Tower")).hit().isPresent(),
                    "a vector of another model is never compared");
            onB.lookup(ask("how tall is the eiffel tower?"));
            logs.assertOnce(Level.WARN, "embedded by words (dimension 128), not other (dimension 64)");
            assertEquals("330 m.", onB.lookup(ask("How tall is the Eiffel Tower?")).hit().orElseThrow().text(),
                    "exact hits still work");
        }
    }

    @Test
    void lookup_sameEmbedderNameButAnotherDimension_skippedAndLoggedOnce() {
        try (CacheRuntime a = node(); CacheRuntime b = node(); LogCapture logs = new LogCapture().start()) {
            ChatResponseCache onA = ChatResponseCache.create(a, options("resized", new WordHashEmbedder("words", 128)));
            onA.lookup(ask("How deep is the Mariana Trench?"))
                    .store(new ChatAnswer("11 km.", List.of(), "STOP", 20, 3, "m1"));

            ChatResponseCache onB = ChatResponseCache.create(b, options("resized", new WordHashEmbedder("words", 96)));
            assertFalse(onB.lookup(ask("how deep is the Mariana Trench")).hit().isPresent(),
                    "a vector of another dimension is never compared, even under the same embedder name");
            onB.lookup(ask("how deep is the mariana trench?"));
            logs.assertOnce(Level.WARN, "embedded by words (dimension 128), not words (dimension 96)");
        }
    }

    @Test
    void lookup_embedderFails_exactOnlyAndTheCallGoesOn() {
        Embedder broken = new Embedder() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public float[] embed(String text) {
                throw new IllegalStateException("model file missing");
            }
        };
        try (CacheRuntime a = node(); LogCapture logs = new LogCapture().start()) {
            ChatResponseCache cache = ChatResponseCache.create(a, options("broken", broken));
            ChatResponseCache.Lookup miss = cache.lookup(ask("q1"));
            assertTrue(miss.hit().isEmpty());
            miss.store(new ChatAnswer("a1", List.of(), null, 1, 1, "m1"));
            assertEquals("a1", cache.lookup(ask("q1")).hit().orElseThrow().text());
            cache.lookup(ask("q2"));
            TestLogs.Event failed = logs.assertOnce(Level.WARN, "embedder broken failed");
            assertEquals("model file missing", failed.thrown().getMessage(), "the cause, logged with it");
        }
    }
}
