package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Woven methods over the embedded file tier, configured by settings alone: values outlive the runtime. */
class FileTierIT {
    private final WovenService service = new WovenService();

    @AfterEach
    void memoryOnly() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build()); // releases the directory
    }

    @Test
    void valuesWrittenByOneRuntime_areServedByTheNextFromFiles(@TempDir Path dir) throws Exception {
        Settings settings = Settings.builder().file(f -> f.directory(dir.toString())).build();
        Cacheweave.install(CacheRuntime.builder().settings(settings).build());
        Summary first = service.summarize("kept on disk", new Options("en", 3));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.anyMatch(Files::isRegularFile), "an entry file was written");
        }

        // a restart, as far as caches go: the first runtime lets go of the directory, a new one opens it
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
        Cacheweave.install(CacheRuntime.builder().settings(settings).build());
        Summary second = service.summarize("kept on disk", new Options("en", 3));

        assertEquals(first, second);
        assertNotSame(first, second, String.valueOf(Cacheweave.stats("it-summarize")));
        assertEquals(1, service.summarizeRuns.get());
        assertEquals(1, Cacheweave.stats("it-summarize").orElseThrow().sharedHits());
    }
}
