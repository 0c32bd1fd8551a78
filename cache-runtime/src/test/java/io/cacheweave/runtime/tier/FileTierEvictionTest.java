package io.cacheweave.runtime.tier;

import static io.cacheweave.runtime.tier.FileTierTest.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bound on bytes: expired entries first, then least recently used; cleanupExpired and clear. */
class FileTierEvictionTest {
    private static final Duration HOUR = Duration.ofHours(1);
    /** Every key is one character, so every entry file is {@value} bytes. */
    private static final int ENTRY = EntryFile.HEADER + 1 + 100;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    private FileTier open(long maxBytes) {
        return FileTier.open(FileTierConfig.of(dir).withMaxBytes(maxBytes).withClock(now::get));
    }

    private static void put(FileTier tier, String key, Duration ttl) {
        tier.put(key, new byte[100], ttl);
    }

    private static long filesOnDisk(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().length() == 64).count();
        }
    }

    @Test
    void overBound_evictsLeastRecentlyUsed() throws IOException {
        try (FileTier tier = open(3L * ENTRY)) {
            put(tier, "a", HOUR);
            put(tier, "b", HOUR);
            put(tier, "c", HOUR);
            assertEquals(3L * ENTRY, tier.bytes());
            assertNotNull(tier.get("a")); // a is now the most recently used, b the least
            put(tier, "d", HOUR);
            assertNull(tier.get("b"));
            assertFalse(Files.exists(path(dir, "b")));
            put(tier, "c", HOUR); // a write is a use too: a is now the least recently used
            put(tier, "e", HOUR);
            assertNull(tier.get("a"));
            assertNotNull(tier.get("c"));
            assertNotNull(tier.get("d"));
            assertNotNull(tier.get("e"));
            assertEquals(3, tier.size());
            assertEquals(3L * ENTRY, tier.bytes());
            assertEquals(3, filesOnDisk(dir));
        }
    }

    @Test
    void overBound_expiredGoFirst() {
        try (FileTier tier = open(3L * ENTRY)) {
            put(tier, "a", HOUR);
            put(tier, "b", Duration.ofSeconds(1)); // will have expired, though used more recently than a
            put(tier, "c", HOUR);
            assertNotNull(tier.get("b"));
            now.addAndGet(2_000);
            put(tier, "d", HOUR);
            assertNotNull(tier.get("a"), "the expired entry went instead of the least recently used one");
            assertNotNull(tier.get("c"));
            assertNotNull(tier.get("d"));
            assertEquals(3, tier.size());
        }
    }

    @Test
    void overBound_manyExpired_allSweptAtOnce() {
        try (FileTier tier = open(4L * ENTRY)) {
            put(tier, "a", Duration.ofSeconds(1));
            put(tier, "b", Duration.ofSeconds(1));
            put(tier, "c", HOUR);
            put(tier, "d", HOUR);
            now.addAndGet(2_000);
            put(tier, "e", HOUR);
            assertEquals(3, tier.size());
            assertEquals(3L * ENTRY, tier.bytes());
        }
    }

    @Test
    void valueLargerThanBound_notStored_andOldValueRemoved() {
        try (FileTier tier = open(3L * ENTRY)) {
            put(tier, "a", HOUR);
            put(tier, "k", HOUR);
            tier.put("k", new byte[3 * ENTRY], HOUR);
            assertNull(tier.get("k"), "neither the new value nor the superseded one");
            assertNotNull(tier.get("a"), "nothing else is evicted for it");
            assertEquals(ENTRY, tier.bytes());
        }
    }

    @Test
    void reopen_withSmallerBound_evictsOldestModifiedFirst() throws IOException {
        try (FileTier tier = open(10L * ENTRY)) {
            for (String key : List.of("a", "b", "c", "d")) {
                put(tier, key, HOUR);
            }
        }
        long base = System.currentTimeMillis() - 100_000;
        // after a restart the modification times stand in for the last use
        Files.setLastModifiedTime(path(dir, "c"), FileTime.fromMillis(base));
        Files.setLastModifiedTime(path(dir, "a"), FileTime.fromMillis(base + 1000));
        Files.setLastModifiedTime(path(dir, "d"), FileTime.fromMillis(base + 2000));
        Files.setLastModifiedTime(path(dir, "b"), FileTime.fromMillis(base + 3000));
        try (FileTier tier = open(2L * ENTRY)) {
            assertEquals(2, tier.size());
            assertNull(tier.get("c"));
            assertNull(tier.get("a"));
            assertNotNull(tier.get("d"));
            assertNotNull(tier.get("b"));
            assertEquals(2, filesOnDisk(dir));
        }
    }

    @Test
    void cleanupExpired_countsAndDeletes() throws IOException {
        try (FileTier tier = open(1 << 20)) {
            put(tier, "a", Duration.ofSeconds(1));
            put(tier, "b", Duration.ofSeconds(2));
            put(tier, "c", HOUR);
            assertEquals(0, tier.cleanupExpired());
            now.addAndGet(1_000);
            assertEquals(1, tier.cleanupExpired());
            now.addAndGet(1_000);
            assertEquals(1, tier.cleanupExpired());
            assertEquals(0, tier.cleanupExpired());
            assertEquals(1, tier.size());
            assertEquals(ENTRY, tier.bytes());
            assertEquals(1, filesOnDisk(dir));
        }
    }

    @Test
    void clear_countsEverything_includingExpired() throws IOException {
        try (FileTier tier = open(1 << 20)) {
            put(tier, "a", Duration.ofSeconds(1));
            put(tier, "b", HOUR);
            put(tier, "c", HOUR);
            now.addAndGet(5_000);
            assertEquals(3, tier.clear());
            assertEquals(0, tier.clear());
            assertEquals(0, tier.size());
            assertEquals(0, tier.bytes());
            assertEquals(0, filesOnDisk(dir));
            assertTrue(Files.exists(dir.resolve("lock")));
        }
    }

    @Test
    void delete_ofExpiredEntry_removesButDoesNotCount() {
        try (FileTier tier = open(1 << 20)) {
            put(tier, "a", Duration.ofSeconds(1));
            now.addAndGet(1_000);
            assertEquals(0, tier.delete(List.of("a")));
            assertEquals(0, tier.size());
        }
    }
}
