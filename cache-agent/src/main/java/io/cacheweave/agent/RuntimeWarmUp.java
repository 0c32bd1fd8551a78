package io.cacheweave.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Work the agent does after {@code premain} has returned, so that none of it holds the application's {@code main}
 * back, on one daemon thread: the check of the settings ({@link AgentArguments#report}), then the start of the
 * Cacheweave runtime with the settings the check read (they are read once), so that its one-time costs (the memory
 * tier's classes, starting the connection to Redis) are not paid by the first cached call. A shutdown hook waits up
 * to {@value #CHECK_WAIT_SECONDS} seconds for the check, so that its warnings are printed even by an application that
 * exits at once; it does not wait for the runtime. The runtime warm-up works when the runtime is on the system class
 * path; elsewhere the runtime starts on first use, as it would anyway.
 *
 * <p>One thread, not two: on a machine of two cores the application's {@code main}, this thread and the JIT already
 * share them, and the settings were read twice when the check and the start ran side by side.
 */
final class RuntimeWarmUp implements Runnable {
    private static final String ENTRY = "io.cacheweave.runtime.Cacheweave";
    static final int CHECK_WAIT_SECONDS = 5;

    private final String arguments;
    private final CountDownLatch checked = new CountDownLatch(1);

    private RuntimeWarmUp(String arguments) {
        this.arguments = arguments;
    }

    static void start(String arguments) {
        RuntimeWarmUp work = new RuntimeWarmUp(arguments);
        Thread warmUp = new Thread(work, "cacheweave-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        Runtime.getRuntime().addShutdownHook(new AwaitCheck(work.checked));
    }

    @Override
    public void run() {
        Object settings = null;
        try {
            settings = AgentArguments.report(arguments);
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("could not check the settings at start-up", e);
        } finally {
            checked.countDown();
        }
        try {
            Class<?> entry = Class.forName(ENTRY, true, ClassLoader.getSystemClassLoader());
            if (settings != null) {
                entry.getMethod("runtime", settings.getClass()).invoke(null, settings); // Settings is final
            } else {
                entry.getMethod("runtime").invoke(null);
            }
        } catch (ClassNotFoundException e) {
            // the runtime lives in another class loader (an application server): it starts on first use
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            AgentLog.error("could not start the runtime ahead of the first call; it starts on first use", e);
        }
    }

    /** The shutdown hook: a class of its own, not a lambda, which would bootstrap method handles in premain. */
    private static final class AwaitCheck extends Thread {
        private final CountDownLatch checked;

        AwaitCheck(CountDownLatch checked) {
            super("cacheweave-settings-check");
            this.checked = checked;
        }

        @Override
        public void run() {
            try {
                checked.await(CHECK_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
