package io.cacheweave.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.TestLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** The runtime's loggers reach the real SLF4J logger of their class with the message formatted as SLF4J would. */
class LazyLoggerTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final Logger log = LazyLogger.of(LazyLoggerTest.class);

    @Test
    void messages_reachTheRealLoggerOfTheClass_formatted_withTheirThrowable() {
        IllegalStateException failure = new IllegalStateException("boom");

        log.warn("cacheweave: {} of {} failed", "write", "user:42", failure);
        log.error("cacheweave: plain");
        log.info("cacheweave: {} and {} and {}", 1, 2, 3);

        TestLogs.Event warn = logs.assertOnce(Level.WARN, "cacheweave: write of user:42 failed");
        assertEquals(LazyLoggerTest.class.getName(), warn.logger());
        assertSame(failure, warn.thrown());
        logs.assertOnce(Level.ERROR, "cacheweave: plain");
        logs.assertOnce(Level.INFO, "cacheweave: 1 and 2 and 3");
        assertEquals(LazyLoggerTest.class.getName(), log.getName());
    }

    @Test
    void levels_areTheRealLoggers() {
        Logger real = org.slf4j.LoggerFactory.getLogger(LazyLoggerTest.class);
        assertEquals(real.isDebugEnabled(), log.isDebugEnabled());
        assertEquals(real.isTraceEnabled(), log.isTraceEnabled());
        assertTrue(log.isErrorEnabled());
    }
}
