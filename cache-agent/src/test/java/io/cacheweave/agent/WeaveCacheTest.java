package io.cacheweave.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weave cache's keys and entries, without a JVM of its own (AgentStartupIT runs it in child JVMs): an entry is
 * used only for exactly the key it was kept for, and never when damaged.
 */
class WeaveCacheTest {
    private static final byte[] IDENTITY = {1, 2, 3, 4};
    private static final List<WeaveIndex.Entry> ENTRIES = List.of(new WeaveIndex.Entry(WeaveIndex.Kind.CACHED,
            WeaveCacheTest.class.getName(), "m", "()V", WeaveCacheTest.class.getName(), "F"));
    private static final byte[] WOVEN = "woven bytes".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private byte[] key(WeaveCache cache, byte[] classBytes) {
        return cache.key(getClass().getClassLoader(), "com.acme.A", classBytes, ENTRIES);
    }

    @Test
    void keptEntry_isFoundForItsKey_andNotForAnother() {
        WeaveCache cache = new WeaveCache(dir, IDENTITY);
        byte[] key = key(cache, new byte[] {10, 20});
        assertNull(cache.find(key), "nothing kept yet");

        cache.store(key, WOVEN);
        assertArrayEquals(WOVEN, cache.find(key));
        assertNull(cache.find(key(cache, new byte[] {10, 21})), "other class bytes, other key");
        assertNull(new WeaveCache(dir, new byte[] {9}).find(key(new WeaveCache(dir, new byte[] {9}),
                new byte[] {10, 20})), "another agent");
    }

    /** A file found by the checksum of another key (a collision) holds that other key: it is not used. */
    @Test
    void entryKeptForAnotherKey_underTheSameName_isNotUsed() throws IOException {
        WeaveCache cache = new WeaveCache(dir, IDENTITY);
        byte[] kept = key(cache, new byte[] {10, 20});
        byte[] asked = key(cache, new byte[] {10, 22});
        cache.store(kept, WOVEN);
        Files.copy(cache.fileOf(kept), cache.fileOf(asked));

        assertNull(cache.find(asked));
        assertArrayEquals(WOVEN, cache.find(kept));
    }

    @Test
    void damagedWovenBytes_areNotUsed() throws IOException {
        WeaveCache cache = new WeaveCache(dir, IDENTITY);
        byte[] key = key(cache, new byte[] {10, 20});
        cache.store(key, WOVEN);
        Path file = cache.fileOf(key);
        byte[] stored = Files.readAllBytes(file);
        stored[stored.length - 3] ^= 1;
        Files.write(file, stored);

        assertNull(cache.find(key));
    }

    @Test
    void keyReadsTheKeyBuildersBytes_andIsNullWhenOneCannotBeRead() {
        WeaveCache cache = new WeaveCache(dir, IDENTITY);
        List<WeaveIndex.Entry> missing = List.of(new WeaveIndex.Entry(WeaveIndex.Kind.CACHED, "com.acme.A", "m",
                "()V", "com.acme.NoSuchKeys", "F"));
        assertNull(cache.key(getClass().getClassLoader(), "com.acme.A", new byte[] {1}, missing));
        assertNotNull(key(cache, new byte[] {1}));
    }

    /** The agent's identity reads the jar's central directory: the names and CRCs of its entries. */
    @Test
    void centralDirectory_changesWithAnEntrysContent(@TempDir Path jars) throws IOException {
        File one = jar(jars.resolve("one.jar"), "a");
        File same = jar(jars.resolve("same.jar"), "a");
        File other = jar(jars.resolve("other.jar"), "b");

        byte[] directory = WeaveCache.centralDirectory(one);
        assertNotNull(directory);
        assertEquals(crcs(directory), crcs(WeaveCache.centralDirectory(same)));
        assertNotEquals(crcs(directory), crcs(WeaveCache.centralDirectory(other)));
    }

    private static File jar(Path path, String content) throws IOException {
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out)) {
            for (String name : List.of("x/A.class", "x/B.class")) {
                JarEntry entry = new JarEntry(name);
                entry.setTime(0);
                jar.putNextEntry(entry);
                jar.write((name + content).getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return path.toFile();
    }

    /** @return the CRC field of every central directory header (the bytes also hold offsets and times) */
    private static List<Long> crcs(byte[] directory) {
        java.util.List<Long> crcs = new java.util.ArrayList<>();
        for (int at = 0; at + 46 <= directory.length; ) {
            crcs.add(little(directory, at + 16));
            int nameLength = (int) (little(directory, at + 28) & 0xffff);
            int extraLength = (int) (little(directory, at + 30) & 0xffff);
            int commentLength = (int) (little(directory, at + 32) & 0xffff);
            at += 46 + nameLength + extraLength + commentLength;
        }
        return crcs;
    }

    private static long little(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
