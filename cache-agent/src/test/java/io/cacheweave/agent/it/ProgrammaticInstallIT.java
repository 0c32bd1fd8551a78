package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code CacheweaveAgent.install()} in a JVM started without {@code -javaagent}: a class loaded before the install
 * is retransformed, one loaded after is woven at load time.
 */
class ProgrammaticInstallIT {

    /** Runs in a child JVM with the agent jar on the class path, not as an agent. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            WovenService before = new WovenService(); // loaded and used before the agent exists
            before.finalLookup("x");
            before.finalLookup("x");
            Class.forName("io.cacheweave.agent.CacheweaveAgent").getMethod("install").invoke(null);
            before.finalLookup("y");
            before.finalLookup("y");
            SlowService after = new SlowService(); // first loaded after the install
            after.release.countDown();
            after.load("k");
            after.load("k");
            System.out.println("before=" + before.finalRuns.get() + " after=" + after.runs.get());
        }
    }

    /** Runs in a child JVM without the agent on its class path: attaches the agent jar to itself (agentmain). */
    public static final class AttachMain {
        public static void main(String[] args) throws Exception {
            WovenService before = new WovenService();
            before.finalLookup("x");
            before.finalLookup("x");
            com.sun.tools.attach.VirtualMachine vm =
                    com.sun.tools.attach.VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
            try {
                vm.loadAgent(args[0], "cacheweave.ttl.default=5m");
            } finally {
                vm.detach();
            }
            before.finalLookup("y");
            before.finalLookup("y");
            System.out.println("before=" + before.finalRuns.get() + " ttl="
                    + io.cacheweave.runtime.Cacheweave.runtime().settings().core().defaultTtl());
        }
    }

    @Test
    void install_retransformsLoadedClasses_andWeavesClassesLoadedLater() throws Exception {
        String agent = Path.of("target", "cache-agent.jar").toAbsolutePath().toString();
        String out = runJava(Main.class, System.getProperty("java.class.path") + File.pathSeparator + agent);
        // 2 uncached runs for "x" before the install, 1 for "y" after it; 1 run for the class loaded later
        assertTrue(out.contains("before=3 after=1"), out);
    }

    @Test
    void agentmain_dynamicAttach_weavesLoadedClasses_andAppliesItsArguments() throws Exception {
        String agent = Path.of("target", "cache-agent.jar").toAbsolutePath().toString();
        String out = runJava(AttachMain.class, System.getProperty("java.class.path"), agent);
        assertTrue(out.contains("before=3 ttl=PT5M"), out);
    }

    private static String runJava(Class<?> main, String classPath, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-Djdk.attach.allowAttachSelf=true", "-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
