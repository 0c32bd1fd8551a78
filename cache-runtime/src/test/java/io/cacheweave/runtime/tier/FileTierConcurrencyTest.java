package io.cacheweave.runtime.tier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads on one tier: no exceptions, every value read belongs to its key, the index matches the disk. */
class FileTierConcurrencyTest {
    private static final int THREADS = 8;
    private static final int OPERATIONS = 500;
    private static final int KEYS = 64;

    @TempDir
    Path dir;

    /** A value that names its key and a serial, padded to a length derived from both. */
    static byte[] valueFor(String key, long serial) {
        String head = key + "#" + serial + "#";
        int pad = (int) Math.floorMod((long) key.hashCode() * 31 + serial * 7919, 4096);
        StringBuilder b = new StringBuilder(head.length() + pad).append(head);
        for (int i = 0; i < pad; i++) {
            b.append((char) ('a' + (i + serial) % 26));
        }
        return b.toString().getBytes(UTF_8);
    }

    /** @return whether {@code value} is exactly what {@link #valueFor} wrote for {@code key} under some serial */
    static boolean belongsTo(String key, byte[] value) {
        String text = new String(value, UTF_8);
        if (!text.startsWith(key + "#")) {
            return false;
        }
        int end = text.indexOf('#', key.length() + 1);
        if (end < 0) {
            return false;
        }
        long serial;
        try {
            serial = Long.parseLong(text.substring(key.length() + 1, end));
        } catch (NumberFormatException e) {
            return false;
        }
        return java.util.Arrays.equals(value, valueFor(key, serial));
    }

    @Test
    void manyThreads_putGetDelete_valuesAlwaysBelongToTheirKey() throws Exception {
        // a bound small enough that eviction runs all the time; no fsync, which only slows the test down here
        try (FileTier tier = FileTier.open(FileTierConfig.of(dir).withMaxBytes(40L * 1024)
                .withFsync(FileTierConfig.Fsync.NONE))) {
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicLong serials = new AtomicLong();
            AtomicLong hits = new AtomicLong();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                threads[t] = new Thread(() -> {
                    try {
                        start.await();
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < OPERATIONS; i++) {
                            String key = "cw:v1:op:" + random.nextInt(KEYS);
                            int op = random.nextInt(100);
                            if (op < 40) {
                                SharedTier.StoredValue v = tier.get(key);
                                if (v != null) {
                                    hits.incrementAndGet();
                                    if (!belongsTo(key, v.bytes())) {
                                        failures.add(new AssertionError("value of another key under " + key));
                                    }
                                }
                            } else if (op < 80) {
                                tier.put(key, valueFor(key, serials.incrementAndGet()), Duration.ofMinutes(1));
                            } else if (op < 90) {
                                String other = "cw:v1:op:" + random.nextInt(KEYS);
                                Map<String, SharedTier.StoredValue> found = tier.getAll(List.of(key, other));
                                found.forEach((k, v) -> {
                                    if (!belongsTo(k, v.bytes())) {
                                        failures.add(new AssertionError("value of another key under " + k));
                                    }
                                });
                            } else if (op < 97) {
                                tier.delete(List.of(key));
                            } else if (op < 99) {
                                tier.deleteMatching("cw:v1:op:" + random.nextInt(10) + "*");
                            } else {
                                tier.cleanupExpired();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads[t].start();
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
            assertTrue(hits.get() > 0, "some reads hit");
            assertTrue(tier.bytes() <= 40L * 1024, "within the bound: " + tier.bytes());
            assertEquals(diskBytes(dir), tier.bytes(), "the index counts exactly the files on disk");
            assertEquals(diskEntries(dir), tier.size());
        }
        try (FileTier reopened = FileTier.open(dir, 40L * 1024)) {
            for (int k = 0; k < KEYS; k++) {
                String key = "cw:v1:op:" + k;
                SharedTier.StoredValue v = reopened.get(key);
                assertTrue(v == null || belongsTo(key, v.bytes()), key);
            }
        }
    }

    static long diskBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> EntryFile.isName(p.getFileName().toString())).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).sum();
        }
    }

    static long diskEntries(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> EntryFile.isName(p.getFileName().toString())).count();
        }
    }
}
