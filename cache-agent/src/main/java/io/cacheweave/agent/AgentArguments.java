package io.cacheweave.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the agent arguments to the runtime's settings loader (through a system property, since the runtime may be
 * in another class loader) and reports configuration problems at start-up: with the runtime's own rules over every
 * source (properties file, environment, system properties, agent arguments) when the runtime is on the system
 * class path, else the syntax of the agent arguments alone. The runtime logs the same problems again through the
 * application's logging when it starts.
 */
final class AgentArguments {
    private static final String SETTINGS_CLASS = "io.cacheweave.runtime.config.Settings";

    private AgentArguments() {
    }

    /** Hands the arguments on; their check is {@link #report}, run by the warm-up thread off {@code premain}. */
    static void apply(String arguments) {
        if (arguments != null && !arguments.isBlank()) {
            System.setProperty(CacheweaveAgent.ARGUMENTS_PROPERTY, arguments);
        }
    }

    /**
     * Reports the configuration problems of every source (reading the settings costs a few hundred classes).
     *
     * @return the runtime's settings as read, to hand to the runtime so that they are read once; {@code null} when
     *         the runtime is not on the system class path (then only the agent arguments' syntax was checked)
     */
    @SuppressWarnings("unchecked")
    static Object report(String arguments) {
        Object settings = null;
        List<String> problems;
        try {
            Class<?> settingsClass = Class.forName(SETTINGS_CLASS, false, ClassLoader.getSystemClassLoader());
            settings = settingsClass.getMethod("load").invoke(null);
            problems = (List<String>) settingsClass.getMethod("problems").invoke(settings);
        } catch (ReflectiveOperationException | LinkageError e) {
            problems = arguments == null || arguments.isBlank() ? List.of() : checkSyntax(arguments);
        }
        for (String problem : problems) {
            AgentLog.warn(problem);
        }
        return settings;
    }

    static List<String> checkSyntax(String arguments) {
        List<String> problems = new ArrayList<>();
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
