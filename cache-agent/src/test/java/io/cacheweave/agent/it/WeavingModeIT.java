package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.woven.WovenAtBuildTime;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The integration tests of this module run twice (see the failsafe executions in the pom): under
 * {@code -javaagent:cache-agent.jar} over classes compiled as usual ({@code it.weaving=agent}), and
 * with no agent over the same classes woven at build time by {@code java -jar cache-agent.jar weave}
 * ({@code it.weaving=build}). This test checks that each run is what it claims to be.
 */
class WeavingModeIT {
    private static final String MODE = System.getProperty("it.weaving", "");

    @Test
    void weavingMode_isTheOneThisRunClaims() throws Exception {
        boolean agentFlag = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:"));
        boolean marked = WovenService.class.isAnnotationPresent(WovenAtBuildTime.class);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.bytebuddy.ByteBuddy"),
                "Byte Buddy must not be on the class path in either mode");
        switch (MODE) {
            case "agent" -> {
                assertTrue(agentFlag, "the agent run must start the JVM with -javaagent");
                assertFalse(marked, "the agent run must use classes not woven at build time");
                Class<?> agent = Class.forName("io.cacheweave.agent.CacheweaveAgent");
                String location = agent.getProtectionDomain().getCodeSource().getLocation().toString();
                assertTrue(location.endsWith("cache-agent.jar"), "agent loaded from " + location);
            }
            case "build" -> {
                assertFalse(agentFlag, "the build-woven run must start the JVM without an agent");
                assertTrue(marked, "the build-woven run must use classes woven at build time");
                assertThrows(ClassNotFoundException.class,
                        () -> Class.forName("io.cacheweave.agent.CacheweaveAgent"),
                        "no agent class may be visible to build-woven classes");
            }
            default -> assertEquals("agent or build", MODE, "system property it.weaving");
        }
    }
}
