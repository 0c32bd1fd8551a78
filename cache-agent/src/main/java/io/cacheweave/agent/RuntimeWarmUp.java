package io.cacheweave.agent;

/**
 * Work the agent does after {@code premain} has returned, so that none of it holds the application's {@code main}
 * back: first the check of the settings ({@link AgentArguments#report}, on a short-lived thread that is not a
 * daemon, so its warnings are printed even by an application that exits at once), then, on a daemon thread, the
 * start of the Cacheweave runtime, so that its one-time costs (reading the settings, the memory tier, starting the
 * connection to Redis) are not paid by the first cached call. The runtime warm-up works when the runtime is on the
 * system class path; elsewhere the runtime starts on first use, as it would anyway.
 */
final class RuntimeWarmUp {
    private static final String ENTRY = "io.cacheweave.runtime.Cacheweave";

    private RuntimeWarmUp() {
    }

    static void start(String arguments) {
        Thread check = new Thread(() -> {
            try {
                AgentArguments.report(arguments);
            } catch (RuntimeException | LinkageError e) {
                AgentLog.error("could not check the settings at start-up", e);
            }
            Thread warmUp = new Thread(RuntimeWarmUp::warmUp, "cacheweave-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }, "cacheweave-settings-check");
        check.setDaemon(false);
        check.start();
    }

    private static void warmUp() {
        try {
            Class<?> entry = Class.forName(ENTRY, true, ClassLoader.getSystemClassLoader());
            entry.getMethod("runtime").invoke(null);
        } catch (ClassNotFoundException e) {
            // the runtime lives in another class loader (an application server): it starts on first use
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            AgentLog.error("could not start the runtime ahead of the first call; it starts on first use", e);
        }
    }
}
