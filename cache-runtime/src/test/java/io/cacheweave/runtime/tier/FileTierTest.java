package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, expiry, restarts and key mapping of {@link FileTier}. */
class FileTierTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path root;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<FileTier> open = new ArrayList<>();

    private FileTier open(Path dir) {
        FileTier tier = FileTier.open(FileTierConfig.of(dir).withClock(now::get));
        open.add(tier);
        return tier;
    }

    @AfterEach
    void closeAll() {
        open.forEach(FileTier::close);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void put_get_roundTrip() {
        FileTier tier = open(root.resolve("t"));
        tier.put("cacheweave:v1:summarize:hello", bytes("value"), HOUR);
        SharedTier.StoredValue v = tier.get("cacheweave:v1:summarize:hello");
        assertArrayEquals(bytes("value"), v.bytes());
        assertEquals(HOUR.toMillis(), v.remainingMillis());
        assertNull(tier.get("cacheweave:v1:summarize:other"));
        assertEquals(1, tier.size());
    }

    @Test
    void put_emptyAndLargeValues() {
        FileTier tier = open(root.resolve("t"));
        byte[] large = new byte[3 << 20];
        new java.util.Random(7).nextBytes(large);
        tier.put("empty", new byte[0], HOUR);
        tier.put("large", large, HOUR);
        assertArrayEquals(new byte[0], tier.get("empty").bytes());
        assertArrayEquals(large, tier.get("large").bytes());
    }

    @Test
    void everyFsyncPolicy_roundTripAndRestart() {
        for (FileTierConfig.Fsync fsync : FileTierConfig.Fsync.values()) {
            Path dir = root.resolve(fsync.name());
            try (FileTier tier = FileTier.open(FileTierConfig.of(dir).withFsync(fsync).withClock(now::get))) {
                tier.put("k", bytes("v"), HOUR);
                assertArrayEquals(bytes("v"), tier.get("k").bytes(), fsync.name());
            }
            try (FileTier tier = FileTier.open(FileTierConfig.of(dir).withFsync(fsync).withClock(now::get))) {
                assertArrayEquals(bytes("v"), tier.get("k").bytes(), fsync.name());
                assertEquals(1, tier.delete(List.of("k")), fsync.name());
            }
            try (FileTier tier = FileTier.open(FileTierConfig.of(dir).withFsync(fsync).withClock(now::get))) {
                assertNull(tier.get("k"), fsync.name());
            }
        }
    }

    @Test
    void put_overwrites() {
        FileTier tier = open(root.resolve("t"));
        tier.put("k", bytes("first, and longer"), HOUR);
        tier.put("k", bytes("second"), Duration.ofMinutes(5));
        SharedTier.StoredValue v = tier.get("k");
        assertArrayEquals(bytes("second"), v.bytes());
        assertEquals(Duration.ofMinutes(5).toMillis(), v.remainingMillis());
        assertEquals(1, tier.size());
        assertEquals(EntryFile.HEADER + 1 + 6, tier.bytes());
    }

    @Test
    void getAll_putAll_onlyPresentKeys() {
        FileTier tier = open(root.resolve("t"));
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("a", bytes("1"));
        values.put("b", bytes("2"));
        tier.putAll(values, HOUR);
        Map<String, SharedTier.StoredValue> found = tier.getAll(List.of("a", "missing", "b"));
        assertEquals(List.of("a", "b"), new ArrayList<>(found.keySet()));
        assertArrayEquals(bytes("2"), found.get("b").bytes());
    }

    @Test
    void delete_countsExistingOnly() {
        FileTier tier = open(root.resolve("t"));
        tier.put("a", bytes("1"), HOUR);
        tier.put("b", bytes("2"), HOUR);
        assertEquals(2, tier.delete(List.of("a", "b", "c")));
        assertEquals(0, tier.delete(List.of("a")));
        assertNull(tier.get("a"));
        assertEquals(0, tier.size());
        assertEquals(0, tier.bytes());
    }

    @Test
    void expiry_remainingShrinksWithClock_thenMiss() {
        FileTier tier = open(root.resolve("t"));
        tier.put("k", bytes("v"), Duration.ofSeconds(10));
        now.addAndGet(4_000);
        assertEquals(6_000, tier.get("k").remainingMillis());
        now.addAndGet(5_999);
        assertEquals(1, tier.get("k").remainingMillis());
        now.addAndGet(1);
        assertNull(tier.get("k"));
        assertEquals(0, tier.size(), "an expired entry that is read is deleted");
    }

    @Test
    void put_subMillisecondTtl_storedForOneMillisecond() {
        FileTier tier = open(root.resolve("t"));
        tier.put("k", bytes("v"), Duration.ofNanos(1));
        assertEquals(1, tier.get("k").remainingMillis());
    }

    @Test
    void restart_sameJvm_servesLiveEntries_dropsExpired() {
        Path dir = root.resolve("t");
        FileTier first = open(dir);
        first.put("live", bytes("stays"), HOUR);
        first.put("short", bytes("goes"), Duration.ofSeconds(1));
        first.close();
        now.addAndGet(2_000);
        FileTier second = open(dir);
        assertEquals(1, second.size());
        SharedTier.StoredValue v = second.get("live");
        assertArrayEquals(bytes("stays"), v.bytes());
        assertEquals(HOUR.toMillis() - 2_000, v.remainingMillis());
        assertNull(second.get("short"));
    }

    @Test
    void keys_ofAnyContent_stayInsideTheDirectory() throws IOException {
        Path dir = root.resolve("t");
        FileTier tier = open(dir);
        List<String> keys = List.of("../../etc/passwd", "/etc/passwd", "..", ".", "", "a/b\\c", "nul\0byte",
                "C:\\Windows\\x", "üñí©ødé ✓ 😀", "lone \uD800 surrogate", "lone \uDC00 low", "x".repeat(100_000),
                "line\nbreak", "con", "*?[]");
        for (String key : keys) {
            tier.put(key, bytes("value of " + key), HOUR);
        }
        for (String key : keys) {
            assertArrayEquals(bytes("value of " + key), tier.get(key).bytes(), key);
        }
        assertFalse(Files.exists(root.resolve("etc")));
        assertEquals(List.of("t"), Files.list(root).map(p -> p.getFileName().toString()).toList());
        Path real = dir.toRealPath();
        try (Stream<Path> files = Files.walk(real)) {
            files.forEach(p -> assertTrue(p.normalize().startsWith(real), p.toString()));
        }
        assertEquals(keys.size(), tier.size());
    }

    @Test
    void keys_withUnpairedSurrogate_doNotCollideWithTheirUtf8Replacement() {
        // "a?" and "a\uD800" have the same UTF-8 bytes (the encoder replaces the surrogate), so the same file name
        FileTier tier = open(root.resolve("t"));
        tier.put("a\uD800", bytes("surrogate"), HOUR);
        assertNull(tier.get("a?"));
        tier.put("a?", bytes("question"), HOUR);
        assertNull(tier.get("a\uD800"), "the other key's value is never served");
        assertArrayEquals(bytes("question"), tier.get("a?").bytes());
    }

    @Test
    void fileName_isSha256OfUtf8Key_fannedOut() throws IOException {
        Path dir = root.resolve("t");
        FileTier tier = open(dir);
        tier.put("abc", bytes("v"), HOUR);
        String sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Path file = dir.resolve("ba").resolve(sha);
        assertTrue(Files.isRegularFile(file));
        assertEquals(EntryFile.HEADER + 3 + 1, Files.size(file));
        assertEquals(Files.size(file), tier.bytes());
    }

    @Test
    void fileHoldingAnotherKey_isNeverServed() throws IOException {
        Path dir = root.resolve("t");
        FileTier tier = open(dir);
        tier.put("a", bytes("value of a"), HOUR);
        tier.put("b", bytes("value of b"), HOUR);
        Path a = path(dir, "a");
        Path b = path(dir, "b");
        Files.copy(a, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // as if "a" hashed to b's name
        assertNull(tier.get("b"));
        assertFalse(Files.exists(b), "the misplaced file is deleted");
        assertArrayEquals(bytes("value of a"), tier.get("a").bytes());
    }

    @Test
    void open_misnamedFile_removed() throws IOException {
        Path dir = root.resolve("t");
        FileTier tier = open(dir);
        tier.put("a", bytes("value of a"), HOUR);
        tier.put("b", bytes("value of b"), HOUR);
        tier.close();
        Files.copy(path(dir, "a"), path(dir, "b"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FileTier reopened = open(dir);
        assertEquals(1, reopened.size());
        assertNull(reopened.get("b"));
        assertFalse(Files.exists(path(dir, "b")));
    }

    @Test
    void open_leavesForeignFilesAlone() throws IOException {
        Path dir = Files.createDirectories(root.resolve("t"));
        Files.writeString(dir.resolve("README"), "mine");
        Files.createDirectories(dir.resolve("ab"));
        Files.writeString(dir.resolve("ab").resolve("notes.txt"), "mine too");
        open(dir).put("k", bytes("v"), HOUR);
        assertTrue(Files.exists(dir.resolve("README")));
        assertTrue(Files.exists(dir.resolve("ab").resolve("notes.txt")));
    }

    @Test
    void badArguments_throwLikeRedisTier() {
        FileTier tier = open(root.resolve("t"));
        assertThrows(IllegalArgumentException.class, () -> tier.put("k", bytes("v"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> tier.put("k", bytes("v"), Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> tier.put(null, bytes("v"), HOUR));
        assertThrows(NullPointerException.class, () -> tier.put("k", null, HOUR));
        assertThrows(NullPointerException.class, () -> tier.get(null));
        assertThrows(IllegalArgumentException.class, () -> tier.deleteMatching(""));
        assertThrows(IllegalArgumentException.class, () -> new FileTierConfig(root, 0, FileTierConfig.Fsync.FILE,
                System::currentTimeMillis));
    }

    @Test
    void put_hugeTtl_saturates() {
        FileTier tier = open(root.resolve("t"));
        tier.put("k", bytes("v"), Duration.ofSeconds(Long.MAX_VALUE));
        assertTrue(tier.get("k").remainingMillis() > 1L << 60);
    }

    @Test
    void closed_everyCallThrowsTierException() {
        FileTier tier = open(root.resolve("t"));
        tier.put("k", bytes("v"), HOUR);
        tier.close();
        tier.close(); // idempotent
        assertThrows(TierException.class, () -> tier.get("k"));
        assertThrows(TierException.class, () -> tier.put("k", bytes("v"), HOUR));
        assertThrows(TierException.class, () -> tier.delete(List.of("k")));
        assertThrows(TierException.class, () -> tier.deleteMatching("*"));
        assertThrows(TierException.class, tier::cleanupExpired);
        assertThrows(TierException.class, tier::clear);
    }

    @Test
    void open_directoryIsAFile_throwsTierException() throws IOException {
        Path file = Files.writeString(root.resolve("file"), "x");
        TierException e = assertThrows(TierException.class, () -> FileTier.open(file, 1000));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void guarded_ioFailureBecomesMiss() throws IOException {
        Path dir = root.resolve("t");
        FileTier tier = open(dir);
        tier.put("k", bytes("v"), HOUR);
        Path file = path(dir, "k");
        Files.delete(file);
        Files.createDirectory(file); // reading a directory as a file fails with an IOException
        assertThrows(TierException.class, () -> tier.get("k"));
        GuardedTier guarded = new GuardedTier(tier, CircuitBreaker.builder().failureThreshold(100).build());
        assertNull(guarded.get("k"));
        assertEquals(1, guarded.errors());
        assertNotNull(guarded.toString());
    }

    static Path path(Path dir, String key) {
        String name = EntryFile.name(key);
        return dir.resolve(name.substring(0, 2)).resolve(name);
    }
}
