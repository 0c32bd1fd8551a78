package io.cacheweave.agent;

/**
 * The agent's own log, on standard error. The agent does not use the application's logging framework: it runs
 * before the application configures one, and may sit in another class loader.
 */
final class AgentLog {
    private static final String PREFIX = "[cacheweave-agent] ";

    private AgentLog() {
    }

    static void warn(String message) {
        System.err.println(PREFIX + "WARN " + message);
    }

    static void error(String message, Throwable t) {
        System.err.println(PREFIX + "ERROR " + message + ": " + t);
    }
}
