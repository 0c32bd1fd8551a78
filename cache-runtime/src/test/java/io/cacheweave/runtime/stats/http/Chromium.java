package io.cacheweave.runtime.stats.http;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless {@code chromium}, run once per page load with a fresh profile and no network beyond the page.
 * The binary is {@code chromium} on the {@code PATH}, or the system property {@code cacheweave.chromium}.
 */
final class Chromium {
    private final String binary;

    private Chromium(String binary) {
        this.binary = binary;
    }

    /** @return the browser; fails the test, saying how to install it, when there is none */
    static Chromium find() {
        return find(System.getProperty("cacheweave.chromium"), System.getenv().getOrDefault("PATH", ""));
    }

    static Chromium find(String configured, String path) {
        if (configured != null && !configured.isBlank()) {
            return new Chromium(configured);
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return new Chromium(candidate.toString());
            }
        }
        throw new AssertionError("this test needs a headless browser: no chromium on the PATH; install it with "
                + "`apt-get install -y chromium` (.ci/run does so when it is missing), or point the system property "
                + "cacheweave.chromium at a Chromium binary");
    }

    @Override
    public String toString() {
        return "Chromium[" + binary + "]";
    }

    /**
     * Loads a page, lets its scripts run for {@code virtualMillis} of virtual time, and returns the DOM they left.
     *
     * @param url the page
     * @param virtualMillis virtual time budget, milliseconds
     * @return the serialised DOM
     */
    String dumpDom(String url, int virtualMillis) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + virtualMillis, "--dump-dom", url));
    }

    /** Loads a page like {@link #dumpDom} and writes a PNG screenshot of {@code width x height} pixels. */
    void screenshot(String url, int virtualMillis, Path png, int width, int height)
            throws IOException, InterruptedException {
        run(List.of("--virtual-time-budget=" + virtualMillis, "--window-size=" + width + "," + height,
                "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url));
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("cacheweave-chromium");
        try {
            List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile));
            command.addAll(arguments);
            Path err = profile.resolveSibling(profile.getFileName() + ".stderr");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 60 s: " + command);
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + p.exitValue() + ": " + command + "\n" + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
