package io.cacheweave.runtime;

import io.cacheweave.runtime.stats.MonitorJmx;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The monitor's MBeans, registered on the monitor's daemon thread {@value #DELAY_MILLIS} ms after the runtime
 * starts, never on a caller's thread: the platform MBean server costs a few hundred classes and, on a small
 * machine, a few hundred milliseconds the first time anything in the JVM asks for it, which a short-lived process
 * should not pay before its first cached call, nor at all when it ends sooner. Operations seen before then get their
 * beans at the same time, in the order seen; later ones at once, on the same thread. {@link #close()} unregisters
 * whatever was registered, waiting for a registration under way.
 */
final class MonitorBeans implements AutoCloseable {
    /** How long after start the beans are registered. */
    static final long DELAY_MILLIS = 2_000;

    private final Supplier<MonitorSnapshot> snapshots;
    private final ScheduledExecutorService thread;
    /** Every operation seen, in order; registered with the runtime's bean and at once after it. */
    private final Set<String> seen = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile boolean registered;
    private MonitorJmx jmx;
    private boolean closed;

    MonitorBeans(Supplier<MonitorSnapshot> snapshots, ScheduledExecutorService thread) {
        this.snapshots = snapshots;
        this.thread = thread;
    }

    /** Schedules the registration of the runtime's bean and of the operations seen until then. */
    void start() {
        schedule(DELAY_MILLIS);
    }

    /** @param operation gets its bean with the runtime's, or at once (on the monitor's thread) after that */
    void operationSeen(String operation) {
        if (seen.add(operation) && registered) {
            schedule(0);
        }
    }

    /** Registers the runtime's bean and those of every operation seen, now, on the calling thread (also for tests). */
    synchronized void registerNow() {
        if (closed) {
            return;
        }
        if (jmx == null) {
            jmx = new MonitorJmx(snapshots);
            jmx.registerRuntime();
        }
        registered = true; // before reading seen: an operation added from here on schedules its own registration
        List<String> operations;
        synchronized (seen) {
            operations = List.copyOf(seen);
        }
        for (String operation : operations) {
            jmx.registerOperation(operation); // does nothing for a bean already registered
        }
    }

    private void schedule(long delayMillis) {
        try {
            thread.schedule(this::registerNow, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the JVM is shutting down: no beans any more
        }
    }

    /** Unregisters this runtime's beans; those not registered yet never will be. */
    @Override
    public synchronized void close() {
        closed = true;
        if (jmx != null) {
            jmx.close();
        }
    }
}
