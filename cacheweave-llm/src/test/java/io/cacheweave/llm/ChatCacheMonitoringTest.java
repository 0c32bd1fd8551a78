package io.cacheweave.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A semantic chat cache's internal caches ({@code <name>-questions}, {@code <name>-manifest}) in the runtime's
 * monitor: reported, marked as serving the chat cache, and given no advice. A real runtime and a real semantic cache.
 */
class ChatCacheMonitoringTest {

    private static MonitorSnapshot.Operation op(MonitorSnapshot s, String name) {
        return s.operations().stream().filter(o -> o.operation().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + name + " in " + s.operations()));
    }

    @Test
    void internalCaches_markedAsServingTheChatCache_andGivenNoAdvice() {
        Settings settings = Settings.builder().monitor(m -> m.jmx(false)).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            ChatResponseCache cache = ChatResponseCache.create(runtime, ChatCacheOptions.builder("support")
                    .semantic(new WordHashEmbedder("words", 256)).build());
            for (int i = 0; i < 25; i++) { // distinct questions in distinct scopes: misses everywhere
                ChatCall call = new ChatCall("fake", "m1", List.of(ChatCall.Turn.user("question number " + i)),
                        List.of(), Map.of("temperature", 0));
                cache.lookup(call, "tenant-" + i).store(new ChatAnswer("answer " + i, List.of(), "STOP", 10, 5,
                        "m1"));
            }
            MonitorSnapshot s = runtime.monitor().snapshot();
            MonitorSnapshot.Operation manifest = op(s, "support-manifest");
            assertEquals("support", manifest.supports());
            assertEquals("support", op(s, "support-questions").supports());
            assertNull(op(s, "support").supports(), "the chat cache itself is the application's");
            assertTrue(manifest.counters().requests() >= 20 && manifest.counters().hitRatio() < 0.2,
                    "numbers that would draw advice: " + manifest.counters());
            List<String> advised = s.recommendations().stream().map(MonitorSnapshot.Recommendation::subject)
                    .toList();
            assertTrue(advised.contains("support"), "the chat cache's own 0% is advised: " + advised);
            assertTrue(advised.stream().noneMatch(a -> a.startsWith("support-")), "never its internals: " + advised);
            assertTrue(runtime.monitor().snapshotJson().contains("\"supports\":\"support\""));
        }
    }
}
