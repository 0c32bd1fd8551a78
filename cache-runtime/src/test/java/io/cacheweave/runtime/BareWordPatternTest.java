package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Seed 002's users write {@code invalidate_pattern("sentiment")} meaning every key that contains the word. On a
 * plain {@link Cache} a pattern without a wildcard is one key; when it removes nothing, the log says what to write.
 */
class BareWordPatternTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void bareWordThatMatchedNothing_logSaysWhatToWrite() {
        try (CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().build()).build()) {
            Cache<String, String> cache = runtime.cache("responses", String.class);
            cache.put("sentiment:great film", "positive");
            cache.put("sentiment", "the key itself");

            assertEquals(1, cache.invalidatePattern("sentiment", "batch"), "the one key named so");
            assertEquals(0, logs.find(Level.INFO, "has no wildcard").size());
            assertEquals(0, cache.invalidatePattern("sentiment", "batch"));
            logs.assertOnce(Level.INFO, "cacheweave: pattern \"sentiment\" of cache responses has no wildcard, so it "
                    + "matches the key sentiment only; for every key that starts with it write \"sentiment*\", that "
                    + "contains it \"*sentiment*\"");
            assertEquals(1, cache.invalidatePattern("sentiment*", "batch"));
        }
    }
}
