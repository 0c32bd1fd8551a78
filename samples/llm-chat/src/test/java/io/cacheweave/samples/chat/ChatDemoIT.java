package io.cacheweave.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample's conversation with the real in-process embedding model: where each answer came from. */
class ChatDemoIT {

    @Test
    void run_answersFromTheModelOnlyWhereTheMeaningDiffers() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().build()).build()) {
            List<String> rows = new ChatDemo(runtime, Duration.ofMillis(20))
                    .run(new PrintStream(printed, true, StandardCharsets.UTF_8));
            List<String> sources = rows.stream().map(r -> r.split("\\s+")[1]).toList();
            assertEquals(List.of("model", "cache", "cache", "model", "model", "model", "cache"), sources, rows.toString());
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("model calls: 4 of 7 questions; served from the cache: 2 exact, 1 semantic"), out);
    }
}
