package io.cacheweave.samples.coroutines

import io.cacheweave.runtime.woven.WovenAtBuildTime
import java.lang.management.ManagementFactory
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The tests of this sample run twice (see the failsafe executions in its pom): under `-javaagent:cache-agent.jar`
 * over the classes as compiled (`it.weaving=agent`), and with no agent over a copy woven at build time by
 * cacheweave-maven-plugin's `weave` goal (`it.weaving=build`). This test checks that each run is what it claims.
 */
class WeavingModeIT {
    @Test
    fun weavingMode_isTheOneThisRunClaims() {
        val agent = ManagementFactory.getRuntimeMXBean().inputArguments.any { it.startsWith("-javaagent:") }
        val marked = UserDirectory::class.java.isAnnotationPresent(WovenAtBuildTime::class.java)
        when (val mode = System.getProperty("it.weaving", "")) {
            "agent" -> {
                assertTrue(agent, "the agent run must start the JVM with -javaagent")
                assertFalse(marked, "the agent run must use classes not woven at build time")
            }
            "build" -> {
                assertFalse(agent, "the build-woven run must start the JVM without an agent")
                assertTrue(marked, "the build-woven run must use classes woven at build time")
            }
            else -> assertEquals("agent or build", mode, "system property it.weaving")
        }
    }
}
