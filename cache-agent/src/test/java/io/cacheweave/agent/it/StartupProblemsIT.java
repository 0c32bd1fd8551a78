package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration is reported when the JVM starts, naming the setting and the allowed form, and the application
 * still runs, with caching on the values that were valid.
 */
class StartupProblemsIT {

    /** Started in a child JVM under the agent: calls a woven method twice and prints how often its body ran. */
    public static final class Main {
        public static void main(String[] args) {
            WovenService service = new WovenService();
            service.finalLookup("x");
            service.finalLookup("x");
            System.out.println("runs=" + service.finalRuns.get());
        }
    }

    /** Calls the woven method only after the agent's warm-up thread has checked the settings and started the runtime. */
    public static final class CallsLater {
        public static void main(String[] args) throws InterruptedException {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("cacheweave-warm-up")) {
                    t.join(); // it checks the settings, then starts the runtime with them
                }
            }
            Main.main(args);
        }
    }

    /** Exits at once, before the agent's warm-up thread could have read the settings. */
    public static final class ExitsAtOnce {
        public static void main(String[] args) {
            System.out.println("done");
        }
    }

    @Test
    void badAgentArgumentsAndSystemProperties_areReportedAtStartup_andTheApplicationRunsCached() throws Exception {
        String out = run(Main.class, "cacheweave.ttl.default=banana,cacheweave.l1.maxentries=5,oops");

        List<String> agentLines = out.lines().filter(l -> l.startsWith("[cacheweave-agent] WARN")).toList();
        assertTrue(agentLines.stream().anyMatch(l -> l.contains("cacheweave.ttl.default=\"banana\" (agent argument) "
                + "is not a duration")), out);
        assertTrue(agentLines.stream().anyMatch(l -> l.contains("unknown setting cacheweave.l1.maxentries")
                && l.contains("did you mean cacheweave.l1.max-entries?")), out);
        assertTrue(agentLines.stream().anyMatch(l -> l.contains("\"oops\"")), out);
        assertTrue(agentLines.stream().anyMatch(l -> l.contains("cacheweave.single-flight.max-wait")
                && l.contains("system property")), out);
        assertTrue(out.contains("runs=1"), "the woven method must still be cached:\n" + out);
    }

    @Test
    void eachProblem_isReportedOnce_whenTheAgentStartedTheRuntime() throws Exception {
        String out = run(CallsLater.class, "cacheweave.ttl.default=banana");
        List<String> reports = out.lines().filter(l -> l.contains("cacheweave.ttl.default=\"banana\"")).toList();
        assertEquals(1, reports.size(), "reported by the agent, not again by the runtime it handed the settings to:\n"
                + out);
        assertTrue(reports.get(0).startsWith("[cacheweave-agent] WARN"), out);
        assertTrue(out.contains("runs=1"), out);
    }

    /** The check runs on the agent's daemon thread; a shutdown hook waits for it, so nothing is lost at exit. */
    @Test
    void anApplicationThatExitsAtOnce_stillGetsTheReport() throws Exception {
        String out = run(ExitsAtOnce.class, "cacheweave.ttl.default=banana");

        assertTrue(out.contains("done"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("[cacheweave-agent] WARN")
                && l.contains("cacheweave.ttl.default=\"banana\" (agent argument) is not a duration")), out);
    }

    private static String run(Class<?> main, String agentArguments) throws Exception {
        String agent = Path.of("target", "cache-agent.jar").toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-javaagent:" + agent + "=" + agentArguments,
                "-Dcacheweave.single-flight.max-wait=-3s",
                "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
