package io.cacheweave.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.SettingValue;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Per-model TTLs as runtime settings, {@code cacheweave.llm.model-ttl.<model>}, read by the runtime's settings loader
 * and honoured by a chat cache built from the runtime; the options' own per-model TTLs win. A real runtime on a
 * manual clock: answers expire when the setting says.
 */
class ModelTtlSettingsTest {
    private static final String PREFIX = "cacheweave.llm.model-ttl.";

    @RegisterExtension
    final LogCapture logs = new LogCapture();
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger modelCalls = new AtomicInteger();
    private CacheRuntime runtime;

    private CacheRuntime runtime(String... nameValues) {
        List<SettingValue> values = new ArrayList<>();
        values.add(new SettingValue("cacheweave.monitor.jmx", "false", "test"));
        for (int i = 0; i < nameValues.length; i += 2) {
            values.add(new SettingValue(nameValues[i], nameValues[i + 1], "test source"));
        }
        Settings settings = Settings.load(null, values);
        assertEquals(List.of(), settings.problems(), "the loader knows the family");
        runtime = CacheRuntime.builder().settings(settings).clock(clock).build();
        return runtime;
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private String call(ChatResponseCache cache, String model, String question) {
        ChatCall call = new ChatCall("fake", model, List.of(ChatCall.Turn.user(question)), List.of(),
                Map.of("temperature", 0));
        return cache.lookup(call).load(() -> "answer #" + modelCalls.incrementAndGet(),
                text -> new ChatAnswer(text, List.of(), "STOP", 10, 5, model), ChatAnswer::text);
    }

    @Test
    void settings_setTheTtlOfTheirModels_theOptionsOwnWin_othersLiveTheCachesTtl() {
        ChatResponseCache cache = ChatResponseCache.create(runtime(PREFIX + "short-model", "10m",
                PREFIX + "own-model", "5m", PREFIX + "gpt_4o", "20m"), ChatCacheOptions.builder("ttl-chat")
                .ttl(Duration.ofHours(1)).modelTtl("own-model", Duration.ofMinutes(30)).build());
        assertEquals(Duration.ofMinutes(10), cache.ttl("short-model"), "the setting");
        assertEquals(Duration.ofMinutes(30), cache.ttl("own-model"), "the builder's modelTtl beats the setting");
        assertEquals(Duration.ofMinutes(20), cache.ttl("gpt-4o"),
                "CACHEWEAVE_LLM_MODEL_TTL_GPT_4O's name (gpt_4o) reaches gpt-4o");
        assertEquals(Duration.ofHours(1), cache.ttl("other-model"), "no setting: the cache's TTL");
        assertEquals(Duration.ofMinutes(30), cache.options().ttl("own-model"), "the options alone are unchanged");

        assertEquals("answer #1", call(cache, "short-model", "q"));
        assertEquals("answer #2", call(cache, "other-model", "q"));
        assertEquals("answer #3", call(cache, "own-model", "q"));
        clock.advance(Duration.ofMinutes(11));
        assertEquals("answer #4", call(cache, "short-model", "q"), "expired after its setting's 10 minutes");
        assertEquals("answer #2", call(cache, "other-model", "q"), "still there: it lives an hour");
        assertEquals("answer #3", call(cache, "own-model", "q"), "still there: it lives 30 minutes, not 5");
        clock.advance(Duration.ofMinutes(20));
        assertEquals("answer #5", call(cache, "own-model", "q"), "gone after the builder's 30 minutes");
        logs.assertNoWarnings();
    }

    @Test
    void exactNameWins_overAFoldedOne() {
        ChatResponseCache cache = ChatResponseCache.create(runtime(PREFIX + "gpt-4.1", "7m", PREFIX + "gpt_4_1",
                "9m"), ChatCacheOptions.create("folded-chat"));
        assertEquals(Duration.ofMinutes(7), cache.ttl("gpt-4.1"));
        assertEquals(Duration.ofMinutes(9), cache.ttl("gpt_4_1"));
        assertEquals(Duration.ofMinutes(7), cache.ttl("GPT-4.1"), "folded: the first name in order");
    }

    @Test
    void badValue_loggedNamingTheSettingItsSourceAndTheForm_theModelLivesTheCachesTtl() {
        ChatResponseCache cache = ChatResponseCache.create(runtime(PREFIX + "m1", "ten minutes", PREFIX + "m2",
                "0s", PREFIX + "m3", "90"), ChatCacheOptions.builder("bad-ttl-chat").ttl(Duration.ofHours(2)).build());
        logs.assertOnce(Level.WARN, "cacheweave.llm.model-ttl.m1=\"ten minutes\" (test source) is not a positive "
                + "duration; use a positive number of seconds (7200) or a number with a unit: 500ms, 30s, 30m, 2h, "
                + "1d, or ISO-8601 (PT2H). Answers of model m1 in chat cache bad-ttl-chat live PT2H instead");
        logs.assertOnce(Level.WARN, "cacheweave.llm.model-ttl.m2=\"0s\" (test source) is not a positive duration");
        assertEquals(Duration.ofHours(2), cache.ttl("m1"));
        assertEquals(Duration.ofHours(2), cache.ttl("m2"));
        assertEquals(Duration.ofSeconds(90), cache.ttl("m3"), "a bare number is seconds");
        assertEquals("answer #1", call(cache, "m1", "q"), "the cache works on");
        assertEquals("answer #1", call(cache, "m1", "q"));
        assertTrue(logs.find(Level.WARN, "m3").isEmpty());
    }
}
