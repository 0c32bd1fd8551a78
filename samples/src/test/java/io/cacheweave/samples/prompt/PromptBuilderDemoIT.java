package io.cacheweave.samples.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the prompt-builder demo as a user would: the shaded sample jar in its own JVM, second entry point, no agent
 * (it uses the programmatic API only), and checks what it prints. Then twice over one file-tier directory: the
 * second run finds every template of the first.
 */
class PromptBuilderDemoIT {

    private static final List<String> WARMED = List.of("combo:base", "combo:base+identity",
            "combo:base+identity+language", "combo:base+identity+language+format", "module:base", "module:identity",
            "module:language", "module:format");

    @TempDir
    Path temp;

    @Test
    void demo_warmsPrefixCombinationsAndModules_thenServesFromTheCache() throws Exception {
        List<String> out = run();
        String all = String.join("\n", out);

        assertTrue(out.stream().anyMatch(l -> l.matches("warmed 8 templates in \\d+ ms: 8 loaded, 0 already "
                + "present, 0 failed")), all);
        for (String key : WARMED) {
            assertTrue(out.contains(key), key + " not listed in\n" + all);
        }
        assertTrue(out.contains("prompts: 10, from the cache: 8, hit ratio: 80%"), all);
        assertTrue(out.contains("modules compiled: 15 (8 templates at warm-up)"), all);
        assertTrue(!all.contains("Exception"), all);
    }

    @Test
    void demo_twiceOverOneFileTier_secondRunFindsEverything() throws Exception {
        Path dir = temp.resolve("file-tier");
        run("-Dcacheweave.file.directory=" + dir);
        List<String> second = run("-Dcacheweave.file.directory=" + dir);
        String all = String.join("\n", second);

        assertTrue(second.stream().anyMatch(l -> l.matches("warmed 8 templates in \\d+ ms: 0 loaded, 8 already "
                + "present, 0 failed")), all);
        assertTrue(second.contains("prompts: 10, from the cache: 10, hit ratio: 100%"), all);
        assertTrue(second.contains("modules compiled: 0 (0 templates at warm-up)"), all);
    }

    private static List<String> run(String... jvmOptions) throws IOException, InterruptedException {
        Path samples = Path.of(System.getProperty("cacheweave.samples.jar"));
        assertTrue(Files.isRegularFile(samples), "missing " + samples);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", samples.toString(), "io.cacheweave.samples.prompt.PromptBuilderDemo"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // Memory tier (or the given file tier) only: a Redis of the environment would carry entries between runs.
        pb.environment().keySet().removeIf(k -> k.equals("REDIS_URL") || k.startsWith("CACHEWEAVE_"));
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "demo did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text.lines().map(String::strip).toList();
    }
}
