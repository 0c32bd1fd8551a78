package io.cacheweave.runtime.tier;

import static io.cacheweave.runtime.tier.FileTierConcurrencyTest.belongsTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTier} across JVMs: a restart, a {@code kill -9} in the middle of writes, a second process refused. */
class FileTierProcessIT {

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = Stream.concat(Stream.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", FileTierChildProcess.class.getName()),
                Stream.of(args)).toList();
        child = new ProcessBuilder(command).redirectErrorStream(true).start();
        return child;
    }

    /** @return the child's lines up to and including the first that starts with {@code prefix} */
    private static String awaitLine(Process p, String prefix) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    seen.append(l).append('\n');
                    if (l.startsWith(prefix)) {
                        return l;
                    }
                }
            } catch (IOException e) {
                seen.append(e);
            }
            throw new AssertionError("the child never printed " + prefix + ":\n" + seen);
        });
        return line.get(30, TimeUnit.SECONDS);
    }

    @Test
    void restart_entriesWrittenByAnotherJvm_servedHere_expiredNot() throws Exception {
        Process p = start("write", dir.toString(), "100");
        awaitLine(p, "done");
        assertEquals(0, p.waitFor());
        // a clock a second ahead: the child's 300 ms entry has expired, its one-hour entries have not
        try (FileTier tier = FileTier.open(FileTierConfig.of(dir)
                .withClock(() -> System.currentTimeMillis() + 1_000))) {
            assertEquals(100, tier.size());
            for (int i = 0; i < 100; i++) {
                SharedTier.StoredValue v = tier.get("cacheweave:v1:written:" + i);
                assertNotNull(v, "entry " + i);
                assertTrue(belongsTo("w" + i, v.bytes()), "entry " + i);
                assertTrue(v.remainingMillis() > 3_500_000 && v.remainingMillis() < 3_600_000);
            }
            assertNull(tier.get("cacheweave:v1:short"));
        }
    }

    @Test
    void killedWhileWriting_everyEntryLeftIsExactlyAValueWrittenForItsKey() throws Exception {
        for (FileTierConfig.Fsync fsync : FileTierConfig.Fsync.values()) {
            Process p = start("loop", dir.toString(), fsync.name());
            awaitLine(p, "ready");
            Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
            assertTrue(p.isAlive(), "the child is still writing");
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            try (FileTier tier = FileTier.open(dir, 1L << 30)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")),
                            "temporary files are removed at open");
                }
                int present = 0;
                for (int i = 0; i < 500; i++) {
                    String key = FileTierChildProcess.key(i);
                    SharedTier.StoredValue v = tier.get(key);
                    if (v != null) {
                        present++;
                        assertTrue(belongsTo(key, v.bytes()), () -> fsync + ": a wrong or partial value under "
                                + key + ": " + new String(v.bytes(), 0, Math.min(80, v.bytes().length),
                                        StandardCharsets.UTF_8));
                    }
                }
                assertTrue(present > 50, fsync + ": " + present + " entries survived");
                assertEquals(present, tier.size());
                assertEquals(0, tier.discarded(), "a process crash leaves no torn entry file behind");
            }
        }
    }

    @Test
    void secondJvm_refused_namingTheDirectoryAndTheHolder() throws Exception {
        Process holder = start("hold", dir.toString());
        awaitLine(holder, "ready");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> FileTier.open(dir, 1L << 20));
        assertTrue(e.getMessage().contains(dir.toRealPath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("another process (pid " + holder.pid() + " on "), e.getMessage());
        holder.getOutputStream().close(); // lets it close the tier and exit
        assertEquals(0, holder.waitFor());
        try (FileTier tier = FileTier.open(dir, 1L << 20)) { // released by the other process's close
            Process second = start("open", dir.toString());
            String refusal = awaitLine(second, "refused");
            assertTrue(refusal.contains(dir.toRealPath().toString()), refusal);
            assertTrue(refusal.contains("pid " + ProcessHandle.current().pid()), refusal);
            assertEquals(0, second.waitFor());
        }
    }

    @Test
    void killedHolder_releasesTheDirectory() throws Exception {
        Process holder = start("hold", dir.toString());
        awaitLine(holder, "ready");
        holder.destroyForcibly();
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        try (FileTier tier = FileTier.open(dir, 1L << 20)) {
            assertEquals(0, tier.size());
        }
        String lock = Files.readAllLines(dir.resolve("lock")).stream().collect(Collectors.joining());
        assertTrue(lock.isEmpty() || lock.startsWith("pid "), lock);
    }
}
