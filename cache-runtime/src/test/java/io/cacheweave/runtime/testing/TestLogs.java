package io.cacheweave.runtime.testing;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of cache-runtime's own tests: it writes WARN and ERROR events as slf4j-simple would (to the
 * {@code System.err} of the moment, one line per event and the stack trace; {@code -Dcacheweave-test.log=INFO} or
 * {@code DEBUG} writes more), except while a {@link LogCapture} is active: then every event from DEBUG up, from any
 * thread, goes to the capture instead, where the test asserts on it.
 * Tests that provoke failures on purpose capture them, so a green build stays quiet and an unexpected failure still
 * shows. Registered for cache-runtime's tests only (the test-jar leaves the registration out; another module opts in
 * with its own {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} naming this class).
 */
public final class TestLogs implements SLF4JServiceProvider {
    static final List<LogCapture> ACTIVE = new CopyOnWriteArrayList<>();
    /** The lowest level written when no capture is active. */
    private static final Level WRITTEN = Level.valueOf(System.getProperty("cacheweave-test.log", "WARN"));

    private final ILoggerFactory factory = new Loggers();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    /** One {@link Recording} logger per name. */
    static final class Loggers implements ILoggerFactory {
        private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) {
            return loggers.computeIfAbsent(name, Recording::new);
        }
    }

    /** One logged event as a capture holds it. */
    public record Event(Level level, String logger, String thread, String message, Throwable thrown) {
        /** @return the line slf4j-simple would print, without the stack trace */
        @Override
        public String toString() {
            return "[" + thread + "] " + level + " " + logger + " - " + message
                    + (thrown == null ? "" : " (" + thrown + ")");
        }
    }

    private static final class Recording extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        Recording(String name) {
            this.name = name;
        }

        private boolean enabled(Level level) {
            return level.toInt() >= Math.min(Level.INFO.toInt(), WRITTEN.toInt())
                    || (level == Level.DEBUG && !ACTIVE.isEmpty());
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable thrown) {
            if (!enabled(level)) {
                return;
            }
            Event event = new Event(level, name, Thread.currentThread().getName(),
                    MessageFormatter.basicArrayFormat(pattern, arguments), thrown);
            if (!ACTIVE.isEmpty()) {
                for (LogCapture capture : ACTIVE) {
                    capture.add(event);
                }
                return;
            }
            if (level.toInt() < WRITTEN.toInt()) {
                return;
            }
            StringWriter text = new StringWriter();
            text.append(event.toString().replace(" (" + thrown + ")", "")).append(System.lineSeparator());
            if (thrown != null) {
                thrown.printStackTrace(new PrintWriter(text));
            }
            PrintStream err = System.err;
            err.print(text);
            err.flush();
        }
    }
}
