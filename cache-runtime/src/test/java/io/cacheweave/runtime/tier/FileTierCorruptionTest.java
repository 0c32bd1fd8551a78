package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static io.cacheweave.runtime.tier.FileTierTest.path;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torn, truncated and corrupt files are misses and are deleted, both on reads and at open. */
class FileTierCorruptionTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String KEY = "cacheweave:v1:op:key";
    private static final byte[] VALUE = "a value that is long enough to be cut in the middle".getBytes(UTF_8);

    @TempDir
    Path dir;

    /** Writes one entry (and a healthy neighbour), damages the entry's file, and checks a read and a reopen. */
    private void assertDamageIsAMiss(Consumer<Path> damage) throws IOException {
        try (FileTier tier = FileTier.open(dir, 1 << 20)) {
            tier.put(KEY, VALUE, HOUR);
            tier.put("neighbour", VALUE, HOUR);
            Path file = path(dir, KEY);
            damage.accept(file);
            assertNull(tier.get(KEY));
            assertFalse(Files.exists(file), "a damaged file is deleted when read");
            assertEquals(1, tier.discarded());
            assertEquals(1, tier.size());
            assertEquals(Files.size(path(dir, "neighbour")), tier.bytes());
            assertArrayEquals(VALUE, tier.get("neighbour").bytes());
            tier.put(KEY, VALUE, HOUR); // and it can be written again
            damage.accept(file);
        }
        try (FileTier reopened = FileTier.open(dir, 1 << 20)) {
            assertNull(reopened.get(KEY), "a damaged file is a miss after a restart too");
            assertFalse(Files.exists(path(dir, KEY)));
            assertArrayEquals(VALUE, reopened.get("neighbour").bytes());
        }
    }

    private static void flip(Path file, long position) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0x40);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void truncate(Path file, long length) {
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void flippedValueByte_miss() throws IOException {
        assertDamageIsAMiss(f -> flip(f, EntryFile.HEADER + KEY.length() + 10));
    }

    @Test
    void flippedKeyByte_miss() throws IOException {
        assertDamageIsAMiss(f -> flip(f, EntryFile.HEADER + 3));
    }

    @Test
    void flippedExpiryByte_miss() throws IOException {
        // a corrupt expiry could otherwise serve a value for too long; at open the header is not checksummed, so the
        // flip is chosen to keep it in the future and the read's checksum catches it
        assertDamageIsAMiss(f -> flip(f, 14));
    }

    @Test
    void flippedChecksum_miss() throws IOException {
        assertDamageIsAMiss(f -> flip(f, 25));
    }

    @Test
    void badMagic_miss() throws IOException {
        assertDamageIsAMiss(f -> flip(f, 0));
    }

    @Test
    void otherVersion_miss() throws IOException {
        assertDamageIsAMiss(f -> flip(f, 4));
    }

    @Test
    void truncatedValue_miss() throws IOException {
        assertDamageIsAMiss(f -> truncate(f, EntryFile.HEADER + KEY.length() + 5));
    }

    @Test
    void truncatedHeader_miss() throws IOException {
        assertDamageIsAMiss(f -> truncate(f, 10));
    }

    @Test
    void emptyFile_miss() throws IOException {
        assertDamageIsAMiss(f -> truncate(f, 0));
    }

    @Test
    void trailingBytes_miss() throws IOException {
        assertDamageIsAMiss(f -> {
            try {
                Files.write(f, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void lengthFieldsSwappedAround_miss() throws IOException {
        // a value length that points past the end of the file
        assertDamageIsAMiss(f -> flip(f, 21));
    }

    @Test
    void open_deletesLeftoverTemporaryFiles() throws IOException {
        try (FileTier tier = FileTier.open(dir, 1 << 20)) {
            tier.put(KEY, VALUE, HOUR);
        }
        Path entry = path(dir, KEY);
        Path temp = entry.resolveSibling(entry.getFileName() + ".tmp");
        Files.write(temp, new byte[] {1, 2, 3}); // a write that a crash cut short
        Path otherTemp = Files.createDirectories(dir.resolve("00")).resolve("0".repeat(64) + ".tmp");
        Files.write(otherTemp, new byte[0]);
        try (FileTier reopened = FileTier.open(dir, 1 << 20)) {
            assertFalse(Files.exists(temp));
            assertFalse(Files.exists(otherTemp));
            assertArrayEquals(VALUE, reopened.get(KEY).bytes());
            assertEquals(Files.size(entry), reopened.bytes());
        }
    }

    @Test
    void open_fileOfGarbage_removedAndNotCounted() throws IOException {
        Files.createDirectories(dir);
        String name = EntryFile.name("garbage");
        Path file = Files.createDirectories(dir.resolve(name.substring(0, 2))).resolve(name);
        Files.write(file, "not an entry at all, but long enough to look like one".getBytes(UTF_8));
        try (FileTier tier = FileTier.open(dir, 1 << 20)) {
            assertEquals(0, tier.size());
            assertEquals(0, tier.bytes());
            assertFalse(Files.exists(file));
            assertTrue(Files.isRegularFile(dir.resolve("lock")));
        }
    }
}
