package io.cacheweave.agent;

/**
 * Work the agent does after {@code premain} has returned, so that none of it holds the application's {@code main}
 * back, on two threads started at once: the check of the settings ({@link AgentArguments#report}, on a short-lived
 * thread that is not a daemon, so its warnings are printed even by an application that exits at once), and, on a
 * daemon thread, the start of the Cacheweave runtime, so that its one-time costs (reading the settings, the memory
 * tier's classes, starting the connection to Redis) are not paid by the first cached call. The warm-up does not
 * wait for the check: on a busy machine the application's first cached call otherwise often came before the
 * warm-up had begun and started the runtime itself. The runtime warm-up works when the runtime is on the system
 * class path; elsewhere the runtime starts on first use, as it would anyway.
 */
final class RuntimeWarmUp {
    private static final String ENTRY = "io.cacheweave.runtime.Cacheweave";

    private RuntimeWarmUp() {
    }

    static void start(String arguments) {
        Thread warmUp = new Thread(RuntimeWarmUp::warmUp, "cacheweave-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        Thread check = new Thread(() -> check(arguments), "cacheweave-settings-check");
        check.setDaemon(false);
        check.start();
    }

    private static void check(String arguments) {
        try {
            AgentArguments.report(arguments);
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("could not check the settings at start-up", e);
        }
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
