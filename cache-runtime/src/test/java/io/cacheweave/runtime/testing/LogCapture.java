package io.cacheweave.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.cacheweave.runtime.testing.TestLogs.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.event.Level;

/**
 * Captures the log of a test that provokes failures on purpose, so that it asserts on what was logged instead of
 * printing it: {@code @RegisterExtension final LogCapture logs = new LogCapture();} captures from before each test to
 * after it; in a {@code static} field it captures the whole class, {@code @BeforeAll} and {@code @AfterAll} included
 * (each test still starts with an empty capture); {@link #start()} and {@link #close()} capture around a block. Needs {@link TestLogs} as the SLF4J
 * provider; a capture that could not be activated fails the test rather than passing without seeing anything.
 */
public final class LogCapture
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private volatile boolean wholeClass;

    /** Starts capturing; every event from DEBUG up, from every thread, goes here until {@link #close()}. */
    public LogCapture start() {
        String factory = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
        if (!factory.equals(TestLogs.Loggers.class.getName())) {
            fail("LogCapture needs io.cacheweave.runtime.testing.TestLogs as the SLF4J provider, found " + factory);
        }
        events.clear();
        if (!TestLogs.ACTIVE.contains(this)) {
            TestLogs.ACTIVE.add(this);
        }
        return this;
    }

    @Override
    public void close() {
        TestLogs.ACTIVE.remove(this);
    }

    void add(Event event) {
        events.add(event);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        wholeClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!wholeClass) {
            close();
        }
    }

    /** @return what was captured so far, in order */
    public List<Event> events() {
        return new ArrayList<>(events);
    }

    /** @return the captured events at {@code level} whose message contains {@code fragment} */
    public List<Event> find(Level level, String fragment) {
        return events.stream().filter(e -> e.level() == level && e.message().contains(fragment))
                .collect(Collectors.toList());
    }

    /**
     * Asserts that exactly one event at {@code level} contains {@code fragment}.
     *
     * @return that event, for assertions on its cause
     */
    public Event assertOnce(Level level, String fragment) {
        List<Event> found = find(level, fragment);
        assertEquals(1, found.size(), () -> "expected one " + level + " containing \"" + fragment + "\", got "
                + found.size() + " in:\n" + describe());
        return found.get(0);
    }

    /**
     * Asserts that at least one event at {@code level} contains {@code fragment}.
     *
     * @return the first such event
     */
    public Event assertLogged(Level level, String fragment) {
        List<Event> found = find(level, fragment);
        if (found.isEmpty()) {
            fail("expected a " + level + " containing \"" + fragment + "\" in:\n" + describe());
        }
        return found.get(0);
    }

    /** Asserts that nothing was logged at WARN or ERROR. */
    public void assertNoWarnings() {
        List<Event> loud = events.stream().filter(e -> e.level().toInt() >= Level.WARN.toInt())
                .collect(Collectors.toList());
        if (!loud.isEmpty()) {
            fail("expected no warning, got:\n" + loud.stream().map(Event::toString).collect(Collectors.joining("\n")));
        }
    }

    /** @return every captured event, one per line */
    public String describe() {
        return events.isEmpty() ? "(nothing logged)"
                : events.stream().map(Event::toString).collect(Collectors.joining("\n"));
    }
}
