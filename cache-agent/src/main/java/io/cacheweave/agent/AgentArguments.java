package io.cacheweave.agent;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Hands the agent arguments to the runtime's settings loader (through a system property, since the runtime may be
 * in another class loader) and reports, at start-up, arguments that are malformed or name no setting.
 */
final class AgentArguments {
    private static final String SETTINGS_CLASS = "io.cacheweave.runtime.config.Settings";

    private AgentArguments() {
    }

    static void apply(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return;
        }
        System.setProperty(CacheweaveAgent.ARGUMENTS_PROPERTY, arguments);
        for (String problem : check(arguments)) {
            AgentLog.warn(problem);
        }
    }

    /** Checks with the runtime's own rules when the runtime is visible, else only the syntax. */
    @SuppressWarnings("unchecked")
    static List<String> check(String arguments) {
        try {
            Class<?> settings = Class.forName(SETTINGS_CLASS, false, ClassLoader.getSystemClassLoader());
            Method check = settings.getMethod("checkAgentArguments", String.class);
            return (List<String>) check.invoke(null, arguments);
        } catch (ReflectiveOperationException | LinkageError e) {
            return checkSyntax(arguments);
        }
    }

    static List<String> checkSyntax(String arguments) {
        java.util.ArrayList<String> problems = new java.util.ArrayList<>();
        for (String pair : arguments.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                problems.add("agent argument \"" + pair + "\" is not of the form name=value; use for example "
                        + "-javaagent:cache-agent.jar=cacheweave.ttl.default=30m");
            } else if (!pair.substring(0, eq).trim().startsWith("cacheweave.")) {
                problems.add("agent argument \"" + pair + "\" names no setting: setting names start with "
                        + "\"cacheweave.\", for example cacheweave.ttl.default=30m");
            }
        }
        return problems;
    }
}
