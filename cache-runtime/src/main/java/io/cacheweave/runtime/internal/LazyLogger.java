package io.cacheweave.runtime.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LocationAwareLogger;

/**
 * The runtime's loggers: an SLF4J {@link Logger} that asks {@link LoggerFactory} for the real one the first time
 * it logs or is asked whether a level is enabled, not when its class initializes. Every runtime class holds one in a
 * {@code static final} field; with {@code LoggerFactory.getLogger} there, the first runtime class to load started
 * SLF4J: the search for its provider over the whole class path and the provider's own set-up (about 50 ms on this
 * project's 2-core machine for slf4j-simple, more for Logback), on the way to the application's first cached call,
 * in every process, even one that never logs anything. An application that logs pays it anyway, once.
 *
 * <p>Messages reach the real logger formatted the same way ({@link LocationAwareLogger} when it is one, so that
 * Logback's caller data points at the runtime's class, not here).
 */
public final class LazyLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private static final String FQCN = org.slf4j.helpers.AbstractLogger.class.getName();

    private transient volatile Logger real;

    private LazyLogger(String name) {
        this.name = name;
    }

    /** @return the logger of {@code owner}, resolved when first used */
    public static Logger of(Class<?> owner) {
        return new LazyLogger(owner.getName());
    }

    private Logger real() {
        Logger l = real;
        if (l == null) {
            l = LoggerFactory.getLogger(name);
            real = l;
        }
        return l;
    }

    @Override
    public boolean isTraceEnabled() {
        return real().isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return real().isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return real().isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return real().isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return real().isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return FQCN;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
            Throwable throwable) {
        Logger l = real();
        if (l instanceof LocationAwareLogger located) {
            located.log(marker, FQCN, level.toInt(), message, arguments, throwable);
            return;
        }
        String text = MessageFormatter.basicArrayFormat(message, arguments);
        switch (level) {
            case ERROR -> l.error(marker, text, throwable);
            case WARN -> l.warn(marker, text, throwable);
            case INFO -> l.info(marker, text, throwable);
            case DEBUG -> l.debug(marker, text, throwable);
            default -> l.trace(marker, text, throwable);
        }
    }
}
