package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programmatic entries in the file tier outlive their runtime: a new runtime on the same directory serves them. */
class FileCacheRestartTest {
    @TempDir
    Path directory;

    private CacheRuntime runtime() {
        return CacheRuntime.builder().settings(Settings.builder()
                .file(f -> f.directory(directory.toString())).build()).build();
    }

    @Test
    void newRuntimeOnTheSameDirectory_servesTheEntries() {
        try (CacheRuntime first = runtime()) {
            Cache<String, Note> notes = first.cache("notes", Note.class);
            notes.put("kept", new Note("kept", 4), Duration.ofMinutes(5));
            notes.put("dropped", new Note("dropped", 7));
            notes.delete("dropped");
        }
        try (CacheRuntime second = runtime()) {
            Cache<String, Note> notes = second.cache("notes", Note.class);
            assertEquals(new Note("kept", 4), notes.get("kept"));
            assertEquals(List.of("kept"), notes.keys(""));
            Duration left = notes.remainingTtl("kept").orElseThrow();
            assertTrue(left.compareTo(Duration.ofMinutes(4)) > 0 && left.compareTo(Duration.ofMinutes(5)) <= 0);
            assertEquals(1, second.stats("notes").orElseThrow().sharedHits());
        }
    }
}
