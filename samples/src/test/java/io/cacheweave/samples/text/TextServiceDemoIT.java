package io.cacheweave.samples.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the quick-start command as a user would: the shaded sample jar in its own JVM under
 * {@code -javaagent:cache-agent.jar}, and checks what it prints.
 */
class TextServiceDemoIT {

    @Test
    void demo_underTheAgent_hitsOnRepeatedCalls_andMissesAfterInvalidate() throws Exception {
        List<String> out = run();
        String all = String.join("\n", out);

        assertTrue(out.contains("model calls: 6 of 12 service calls"), all);
        for (String op : List.of("summarize", "sentiment", "key_points", "questions", "qa")) {
            String stats = out.stream().filter(l -> l.matches(op + " +\\d+ +\\d+ +\\d+ +\\d+%")).findFirst()
                    .orElseThrow(() -> new AssertionError("no stats row for " + op + " in\n" + all));
            assertTrue(stats.matches(op + " +1 +1 +1 +50%"), stats);
        }
        assertTrue(all.contains("after @Invalidate(operation = \"summarize\"): next summarize"), all);
        assertTrue(!all.contains("WARNING"), all);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("stats page: ")), "the sample turns the page on\n" + all);
    }

    private static List<String> run() throws IOException, InterruptedException {
        Path agent = Path.of(System.getProperty("cacheweave.agent.jar"));
        Path samples = Path.of(System.getProperty("cacheweave.samples.jar"));
        assertTrue(Files.isRegularFile(agent), "missing " + agent);
        assertTrue(Files.isRegularFile(samples), "missing " + samples);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-javaagent:" + agent, "-jar", samples.toString())
                .redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "demo did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text.lines().map(String::strip).toList();
    }
}
