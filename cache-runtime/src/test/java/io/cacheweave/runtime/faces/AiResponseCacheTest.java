package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.MapCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AiResponseCacheTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();


    private final ManualClock clock = new ManualClock();
    private final Settings settings = Settings.create();
    private final MapCache<List<String>, String> cache = new MapCache<>("ai", clock, Duration.ofHours(1),
            settings.core().keyHashThreshold());
    private final AiResponseCache<String> responses = AiResponseCache.create(cache, settings);

    @Test
    void getCachedResponse_afterCacheResponse_returnsIt() {
        assertEquals(Optional.empty(), responses.getCachedResponse("text", "summarize", Map.of("max_length", 100)));
        responses.cacheResponse("text", "summarize", Map.of("max_length", 100), "a summary");
        assertEquals(Optional.of("a summary"),
                responses.getCachedResponse("text", "summarize", Map.of("max_length", 100)));
    }

    @Test
    void getCachedResponse_optionsEqualInMeaning_sameEntry() {
        responses.cacheResponse("text", "summarize", Map.of("a", 1, "b", 2), "r");
        assertEquals(Optional.of("r"), responses.getCachedResponse("text", "summarize", Map.of("b", 2L, "a", 1.0)));
        assertEquals(Optional.empty(), responses.getCachedResponse("text", "summarize", Map.of("a", 1, "b", 3)));
        responses.cacheResponse("text", "sentiment", null, "positive");
        assertEquals(Optional.of("positive"), responses.getCachedResponse("text", "sentiment", Map.of()));
    }

    @Test
    void getCachedResponse_otherOperationOrText_isAnotherEntry() {
        responses.cacheResponse("text", "summarize", null, "r");
        assertEquals(Optional.empty(), responses.getCachedResponse("text", "questions", null));
        assertEquals(Optional.empty(), responses.getCachedResponse("text2", "summarize", null));
        // Separators inside the parts cannot make two requests collide.
        responses.cacheResponse("b", "a", null, "one");
        assertEquals(Optional.empty(), responses.getCachedResponse("", "a,b", null));
    }

    @Test
    void key_longTextHashedLikeGeneratedKeys() {
        String text = "word ".repeat(400);
        responses.cacheResponse(text, "summarize", Map.of("model", "m"), "r");
        String rendered = cache.renderedKeys().get(0);
        assertTrue(rendered.matches("\\[summarize,\\\\#[0-9a-f]{64},\\\\\\(model\\\\=m\\\\\\)]"), rendered);
        assertEquals(Optional.of("r"), responses.getCachedResponse("word ".repeat(400), "summarize",
                Map.of("model", "m")));
    }

    @Test
    void cacheResponse_operationTtlsFromSeedDefaults() {
        assertEquals(Duration.ofHours(2), responses.ttl("summarize"));
        assertEquals(Duration.ofHours(24), responses.ttl("sentiment"));
        assertEquals(Duration.ofHours(2), responses.ttl("key_points"));
        assertEquals(Duration.ofHours(1), responses.ttl("questions"));
        assertEquals(Duration.ofMinutes(30), responses.ttl("qa"));
        assertEquals(Duration.ofHours(1), responses.ttl("translate"));

        responses.cacheResponse("t", "qa", null, "answer");
        responses.cacheResponse("t", "summarize", null, "summary");
        clock.advance(Duration.ofMinutes(31));
        assertEquals(Optional.empty(), responses.getCachedResponse("t", "qa", null));
        assertEquals(Optional.of("summary"), responses.getCachedResponse("t", "summarize", null));
        clock.advance(Duration.ofMinutes(90));
        assertEquals(Optional.empty(), responses.getCachedResponse("t", "summarize", null));
    }

    @Test
    void cacheResponse_configuredTtlAndPerCallOverride() {
        Settings s = Settings.builder().faces(f -> f.aiOperationTtl("qa", Duration.ofMinutes(2))).build();
        AiResponseCache<String> configured = AiResponseCache.create(cache, s);
        assertEquals(Duration.ofMinutes(2), configured.ttl("qa"));
        configured.cacheResponse("t", "qa", null, "answer");
        configured.cacheResponse("t", "qa", Map.of("v", 2), "answer 2", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(Optional.empty(), configured.getCachedResponse("t", "qa", null));
        assertEquals(Optional.of("answer 2"), configured.getCachedResponse("t", "qa", Map.of("v", 2)));
    }

    @Test
    void stats_perOperationAndTextSizeTier() {
        String small = "s";
        String medium = "m".repeat(500);
        String large = "l".repeat(5000);
        String xlarge = "x".repeat(50_000);
        assertEquals(TextSizeTier.SMALL, responses.tierOf("s".repeat(499)));
        assertEquals(TextSizeTier.MEDIUM, responses.tierOf(medium));
        assertEquals(TextSizeTier.LARGE, responses.tierOf(large));
        assertEquals(TextSizeTier.LARGE, responses.tierOf("l".repeat(49_999)));
        assertEquals(TextSizeTier.XLARGE, responses.tierOf(xlarge), "seed 002's third bound, 50,000");

        responses.getCachedResponse(small, "summarize", null);
        responses.cacheResponse(small, "summarize", null, "r");
        responses.getCachedResponse(small, "summarize", null);
        responses.getCachedResponse(small, "summarize", null);
        responses.cacheResponse(large, "summarize", null, "r");
        responses.getCachedResponse(medium, "qa", null);
        responses.getCachedResponse(xlarge, "qa", null);

        AiResponseStats stats = responses.stats();
        assertEquals(new AiResponseStats.Row("summarize", TextSizeTier.SMALL, 2, 1, 1),
                stats.row("summarize", TextSizeTier.SMALL).orElseThrow());
        assertEquals(new AiResponseStats.Row("summarize", TextSizeTier.LARGE, 0, 0, 1),
                stats.row("summarize", TextSizeTier.LARGE).orElseThrow());
        assertEquals(new AiResponseStats.Row("qa", TextSizeTier.MEDIUM, 0, 1, 0),
                stats.row("qa", TextSizeTier.MEDIUM).orElseThrow());
        assertEquals(List.of("qa/MEDIUM", "qa/XLARGE", "summarize/SMALL", "summarize/LARGE"),
                stats.rows().stream().map(r -> r.operation() + "/" + r.tier()).toList());
        assertEquals(2, stats.hits());
        assertEquals(3, stats.misses());
        assertEquals(2, stats.stores());
        assertEquals(0.4, stats.hitRatio(), 1e-9);
        assertEquals(Optional.empty(), stats.row("sentiment", TextSizeTier.SMALL));
    }

    @Test
    void stats_tierBoundsFromSettings() {
        Settings s = Settings.builder().monitor(m -> m.mediumBytes(10).largeBytes(30)).build();
        AiResponseCache<String> tiers = AiResponseCache.create(cache, s);
        assertEquals(TextSizeTier.SMALL, tiers.tierOf("x".repeat(9)));
        assertEquals(TextSizeTier.MEDIUM, tiers.tierOf("x".repeat(10)));
        assertEquals(TextSizeTier.MEDIUM, tiers.tierOf("x".repeat(29)));
        assertEquals(TextSizeTier.LARGE, tiers.tierOf("x".repeat(30)));
    }

    @Test
    void invalidateOperation_removesOnlyThatOperation() {
        responses.cacheResponse("t1", "key_points", null, "a");
        responses.cacheResponse("t2", "key_points", Map.of("n", 3), "b");
        responses.cacheResponse("t1", "key", null, "c");
        responses.cacheResponse("t1", "key_points2", null, "d");
        responses.cacheResponse("t1", "a*", null, "e");
        responses.cacheResponse("t1", "ab", null, "f");

        assertEquals(2, responses.invalidateOperation("key_points", "model update"));
        assertEquals(Optional.empty(), responses.getCachedResponse("t1", "key_points", null));
        assertEquals(Optional.of("c"), responses.getCachedResponse("t1", "key", null));
        assertEquals(Optional.of("d"), responses.getCachedResponse("t1", "key_points2", null));
        assertTrue(cache.invalidations.get(0).endsWith("(model update)"), cache.invalidations.toString());

        assertEquals(1, responses.invalidateOperation("a*", null)); // a wildcard in a name is a literal
        assertEquals(Optional.of("f"), responses.getCachedResponse("t1", "ab", null));
    }

    /** Seed 002: {@code invalidate_pattern("sentiment")} removes every entry whose key contains the word. */
    @Test
    void invalidatePattern_bareWord_removesEveryResponseWhoseKeyContainsIt() {
        responses.cacheResponse("great film", "sentiment", null, "positive");
        responses.cacheResponse("bad film", "sentiment", Map.of("model", "m:1"), "negative");
        responses.cacheResponse("great film", "summarize", null, "a film");
        responses.cacheResponse("a: b", "summarize", null, "colon");

        assertEquals(2, responses.invalidatePattern("sentiment", "batch_invalidation"));
        assertEquals(Optional.empty(), responses.getCachedResponse("great film", "sentiment", null));
        assertEquals(Optional.of("a film"), responses.getCachedResponse("great film", "summarize", null));
        assertEquals(1, responses.invalidatePattern("a: b", null), "text with key characters is matched as text");
        assertEquals(1, responses.invalidatePattern("\\[summarize,*", null), "a glob is a glob");
        assertEquals("pattern must not be empty: \"\"; write a word that the keys contain (\"sentiment\"), \"*\" for "
                + "every response, or use invalidateOperation(operation, context)",
                assertThrows(IllegalArgumentException.class, () -> responses.invalidatePattern("", null))
                        .getMessage());
    }

    @Test
    void badInput_rejectedNamingTheArgument() {
        assertEquals("text must not be null", assertThrows(IllegalArgumentException.class,
                () -> responses.getCachedResponse(null, "qa", null)).getMessage());
        assertEquals("operation must not be null", assertThrows(IllegalArgumentException.class,
                () -> responses.cacheResponse("t", null, null, "r")).getMessage());
        assertEquals("operation must not be empty: \"\"", assertThrows(IllegalArgumentException.class,
                () -> responses.getCachedResponse("t", "", null)).getMessage());
        assertEquals("response must not be null", assertThrows(IllegalArgumentException.class,
                () -> responses.cacheResponse("t", "qa", null, null)).getMessage());
        assertEquals("ttl must be positive: PT-1S", assertThrows(IllegalArgumentException.class,
                () -> responses.cacheResponse("t", "qa", null, "r", Duration.ofSeconds(-1))).getMessage());
        assertTrue(cache.renderedKeys().isEmpty());
        assertEquals(List.of(), responses.stats().rows());
    }

    @Test
    void cacheFailure_neverReachesTheCaller() {
        responses.cacheResponse("t", "qa", null, "r");
        cache.failing = true;
        assertEquals(Optional.empty(), responses.getCachedResponse("t", "qa", null));
        responses.cacheResponse("t", "qa", null, "r2");
        assertEquals(0, responses.invalidateOperation("qa", null));
        AiResponseStats stats = responses.stats();
        assertEquals(3, stats.failures());
        assertEquals(1, stats.stores());
        assertEquals(1, stats.misses());
        cache.failing = false;
        assertEquals(Optional.of("r"), responses.getCachedResponse("t", "qa", null));
        assertFalse(cache.renderedKeys().isEmpty());
    }
}
