package io.cacheweave.runtime.tier;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The other JVM of {@code FileTierProcessIT}: {@code write <dir> <count>} writes entries and exits; {@code loop <dir>}
 * writes entries forever (to be killed), printing {@code ready} once some are written; {@code hold <dir>} opens the
 * tier, prints {@code ready} and waits; {@code open <dir>} tries to open and prints the refusal.
 */
public final class FileTierChildProcess {
    private FileTierChildProcess() {
    }

    /** @return the key of entry {@code i} */
    static String key(long i) {
        return "cacheweave:v1:child:" + (i % 500);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "write" -> {
                int count = Integer.parseInt(args[2]);
                try (FileTier tier = FileTier.open(dir, 1L << 30)) {
                    for (int i = 0; i < count; i++) {
                        tier.put("cacheweave:v1:written:" + i, FileTierConcurrencyTest.valueFor("w" + i, i),
                                Duration.ofHours(1));
                    }
                    tier.put("cacheweave:v1:short", new byte[] {1}, Duration.ofMillis(300));
                }
                System.out.println("done");
            }
            case "loop" -> {
                FileTierConfig.Fsync fsync = FileTierConfig.Fsync.valueOf(args[2]);
                FileTier tier = FileTier.open(FileTierConfig.of(dir).withMaxBytes(4L << 20).withFsync(fsync));
                for (long i = 0; ; i++) {
                    String key = key(i);
                    tier.put(key, FileTierConcurrencyTest.valueFor(key, i), Duration.ofHours(1));
                    if (i == 50) {
                        System.out.println("ready");
                        System.out.flush();
                    }
                }
            }
            case "hold" -> {
                try (FileTier tier = FileTier.open(dir, 1L << 30)) {
                    System.out.println("ready");
                    System.out.flush();
                    System.in.read(); // until the parent closes our input or kills us
                }
            }
            case "open" -> {
                try (FileTier tier = FileTier.open(dir, 1L << 30)) {
                    System.out.println("opened");
                } catch (IllegalStateException e) {
                    System.out.println("refused: " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
