package io.cacheweave.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.llm.ChatSavings;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorJson;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.http.StatsPage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample's conversation with the real in-process embedding model: where each answer came from, what it saved. */
class ChatDemoIT {

    @Test
    void run_answersFromTheModelOnlyWhereTheMeaningDiffers_savingsOnTheStatsPage() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Settings settings = Settings.builder().monitor(m -> m.jmx(false)).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            ChatDemo demo = new ChatDemo(runtime, Duration.ofMillis(20));
            List<String> rows = demo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
            List<String> sources = rows.stream().map(r -> r.split("\\s+")[1]).toList();
            assertEquals(List.of("model", "cache", "cache", "model", "model", "model", "cache"), sources, rows.toString());

            // what the stats page polls (as with --serve): the chat cache's row, tokens and cost saved
            try (StatsPage page = StatsPage.start(runtime.monitor(), "127.0.0.1", 0, Duration.ofSeconds(1))) {
                HttpClient http = HttpClient.newHttpClient();
                String html = http.send(HttpRequest.newBuilder(page.uri()).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(html.contains("id=\"usage-section\""), "the page has the savings table");
                String json = http.send(HttpRequest.newBuilder(page.uri().resolve("snapshot.json")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                List<MonitorSnapshot.UsageSaved> usage = MonitorJson.read(json).usageSaved();
                ChatSavings.ModelSavings total = demo.savings().total();
                assertEquals(1, usage.size(), json);
                MonitorSnapshot.UsageSaved row = usage.get(0);
                assertEquals("support-chat", row.operation());
                assertEquals(ScriptedChatModel.NAME, row.source());
                assertEquals(Map.of("exact", 2L, "semantic", 1L), row.hits());
                assertEquals(4, row.misses());
                assertEquals(Map.of("input tokens", total.inputTokensSaved(), "output tokens",
                        total.outputTokensSaved()), row.units());
                assertTrue(total.inputTokensSaved() > 0 && total.outputTokensSaved() > 0, total.toString());
                assertEquals(total.costSaved(), row.cost(), 1e-12);
                assertTrue(row.cost() > 0, "priced");

                // the semantic cache's own stored questions and their lists: shown under it, not as the user's
                MonitorSnapshot snapshot = MonitorJson.read(json);
                for (String internal : List.of("support-chat-questions", "support-chat-manifest")) {
                    assertEquals("support-chat", snapshot.operations().stream()
                            .filter(o -> o.operation().equals(internal)).findFirst().orElseThrow().supports(), json);
                }
                assertTrue(snapshot.recommendations().stream().noneMatch(r -> r.subject().startsWith("support-chat-")),
                        snapshot.recommendations().toString());
            }
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("model calls: 4 of 7 questions; served from the cache: 2 exact, 1 semantic"), out);
    }
}
