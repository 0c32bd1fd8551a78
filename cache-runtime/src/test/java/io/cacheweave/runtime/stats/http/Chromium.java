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
 * The binary is {@code chromium} on the {@code PATH}, or the system property {@code cacheweave.chromium}. Where
 * there is none and the tests run as root on a Debian-like system, the test obtains it itself
 * ({@code apt-get install chromium}), once per JVM, so that {@code mvn -B verify} needs nothing installed by hand.
 */
final class Chromium {
    private final String binary;

    private Chromium(String binary) {
        this.binary = binary;
    }

    private static final Path APT_GET = Path.of("/usr/bin/apt-get");
    private static final int TIMEOUT_SECONDS = 90;

    /**
     * @return the browser, installed with {@code apt-get} first when it is missing and this JVM runs as root; fails
     *     the test, saying how to install it, when there is none
     */
    static synchronized Chromium find() {
        String configured = System.getProperty("cacheweave.chromium");
        String path = System.getenv().getOrDefault("PATH", "");
        Chromium found = onPath(configured, path);
        if (found == null && "root".equals(System.getProperty("user.name")) && Files.isExecutable(APT_GET)) {
            installWithApt();
            found = onPath(configured, path + File.pathSeparator + "/usr/bin");
        }
        return found != null ? found : find(configured, path);
    }

    static Chromium find(String configured, String path) {
        Chromium found = onPath(configured, path);
        if (found != null) {
            return found;
        }
        throw new AssertionError("this test needs a headless browser: no chromium on the PATH, and it can install "
                + "one itself only as root with apt-get; install it with `apt-get install -y chromium`, or point the "
                + "system property cacheweave.chromium at a Chromium binary");
    }

    private static Chromium onPath(String configured, String path) {
        if (configured != null && !configured.isBlank()) {
            return new Chromium(configured);
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return new Chromium(candidate.toString());
            }
        }
        return null;
    }

    /** Runs {@code apt-get update} and {@code apt-get install chromium}; fails the test with apt's output. */
    private static void installWithApt() {
        for (List<String> command : List.of(List.of(APT_GET.toString(), "update", "-qq"),
                List.of(APT_GET.toString(), "install", "-y", "-qq", "--no-install-recommends", "chromium"))) {
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process p = builder.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new AssertionError("could not install chromium for this test (" + String.join(" ", command)
                            + "):\n" + out);
                }
            } catch (IOException e) {
                throw new AssertionError("could not install chromium for this test: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while installing chromium", e);
            }
        }
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

    /**
     * Runs chromium once per attempt. Its output goes to files, so the timeout holds even when chromium hangs (it
     * sometimes does in headless mode, with its children holding the pipes open); a hung run is killed with its
     * children and tried once more.
     */
    private String run(List<String> arguments) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String out = runOnce(arguments);
            if (out != null) {
                return out;
            }
            if (attempt == 2) {
                throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + " s, twice: " + arguments);
            }
        }
    }

    /** @return the standard output, or {@code null} when chromium did not finish in time */
    private String runOnce(List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("cacheweave-chromium");
        Path out = profile.resolveSibling(profile.getFileName() + ".stdout");
        Path err = profile.resolveSibling(profile.getFileName() + ".stderr");
        try {
            List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile));
            command.addAll(arguments);
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return null;
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + p.exitValue() + ": " + command + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
