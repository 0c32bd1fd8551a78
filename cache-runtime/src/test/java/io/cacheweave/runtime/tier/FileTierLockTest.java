package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One open tier per directory; see {@code FileTierProcessIT} for a second process. */
class FileTierLockTest {

    @TempDir
    Path dir;

    @Test
    void open_twiceInOneProcess_refusedNamingTheDirectory() throws IOException {
        try (FileTier first = FileTier.open(dir, 1 << 20)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FileTier.open(dir, 1 << 20));
            assertTrue(e.getMessage().contains(dir.toRealPath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            // through another spelling of the same directory too
            assertThrows(IllegalStateException.class, () -> FileTier.open(dir.resolve("."), 1 << 20));
            first.put("k", new byte[] {1}, Duration.ofMinutes(1)); // the refused open left the first one working
            assertArrayEquals(new byte[] {1}, first.get("k").bytes());
        }
    }

    @Test
    void close_releasesTheDirectory() {
        FileTier.open(dir, 1 << 20).close();
        try (FileTier again = FileTier.open(dir, 1 << 20)) {
            again.put("k", new byte[] {2}, Duration.ofMinutes(1));
        }
    }

    @Test
    void lockFile_namesTheHolder() throws IOException {
        try (FileTier tier = FileTier.open(dir, 1 << 20)) {
            String holder = Files.readString(dir.resolve("lock"));
            assertTrue(holder.startsWith("pid " + ProcessHandle.current().pid() + " on "), holder);
        }
    }
}
