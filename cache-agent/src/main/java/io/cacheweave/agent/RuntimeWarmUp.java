package io.cacheweave.agent;

/**
 * Starts the Cacheweave runtime in the background right after the agent is installed, so that its one-time costs
 * (reading the settings, connecting to Redis, loading the codec) are not paid by the first cached call. Works when
 * the runtime is on the system class path; elsewhere the runtime starts on first use, as it would anyway.
 */
final class RuntimeWarmUp {
    private static final String ENTRY = "io.cacheweave.runtime.Cacheweave";

    private RuntimeWarmUp() {
    }

    static void start() {
        Thread t = new Thread(RuntimeWarmUp::warmUp, "cacheweave-warm-up");
        t.setDaemon(true);
        t.start();
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
