package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.woven.WovenAtBuildTime;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent over classes already woven at build time weaves nothing twice: a child JVM runs under
 * {@code -javaagent:cache-agent.jar} with the build-woven test classes in place of the compiled ones. Woven twice,
 * a miss would enter the cache twice (two misses, two loads); the counts are those of one weave.
 */
class MixedWeavingIT {

    /** Runs in the child JVM: a miss, then a hit. */
    public static final class Main {
        public static void main(String[] args) {
            WovenService service = new WovenService();
            service.finalLookup("x");
            service.finalLookup("x");
            var stats = io.cacheweave.runtime.Cacheweave.runtime().stats();
            System.out.println("runs=" + service.finalRuns.get() + " marked="
                    + WovenService.class.isAnnotationPresent(io.cacheweave.runtime.woven.WovenAtBuildTime.class)
                    + " stats=" + stats.values().stream().filter(s -> s.requests() > 0)
                    .map(s -> s.operation() + ":" + s.hits() + "/" + s.misses() + "/" + s.loads())
                    .collect(Collectors.joining(",")));
        }
    }

    @Test
    void agentOverBuildWovenClasses_weavesNothingTwice() throws Exception {
        Path woven = Path.of(System.getProperty("it.build-woven-classes"));
        assertTrue(Files.isDirectory(woven), "build-woven classes missing: " + woven);
        Path compiled = Path.of(MixedWeavingIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).equals(compiled) ? woven.toString() : e)
                .collect(Collectors.joining(File.pathSeparator));
        String agent = Path.of("target", "cache-agent.jar").toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-javaagent:" + agent, "-cp", classPath, Main.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);

        assertTrue(out.contains("runs=1 marked=true stats=it-final:1/1/1"), out);
    }
}
