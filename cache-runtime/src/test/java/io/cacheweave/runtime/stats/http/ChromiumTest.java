package io.cacheweave.runtime.stats.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser test fails, saying how to install the browser, when there is none: it is never skipped. */
class ChromiumTest {
    @TempDir
    Path dir;

    @Test
    void find_noChromiumOnThePath_failsWithTheInstallCommand() {
        AssertionError e = assertThrows(AssertionError.class, () -> Chromium.find(null, dir.toString()));
        assertTrue(e.getMessage().contains("install it with `apt-get install -y chromium`"), e.getMessage());
        assertTrue(e.getMessage().contains("it can install one itself only as root with apt-get"), e.getMessage());
    }

    @Test
    void find_executableOnThePath() throws Exception {
        Path fake = Files.createFile(dir.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals("Chromium[" + fake + "]", Chromium.find(" ", "/nonexistent:" + dir).toString());
        assertEquals("Chromium[/opt/chrome]", Chromium.find("/opt/chrome", "").toString());
    }
}
