package io.cacheweave.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The periodic clean-up of {@code cacheweave.l1.cleanup-interval}: every interval, on one daemon thread, each memory
 * tier of the runtime drops the entries held past their expiry (and a programmatic cache with the file tier its
 * expired files, as {@link Cache#cleanupExpired()} does). Without it Caffeine drops them on later reads and writes of
 * the same tier, so a tier nobody touches keeps them until then.
 */
final class MemoryCleanup implements AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(MemoryCleanup.class);

    private final ScheduledExecutorService timer;

    private MemoryCleanup(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** @return the clean-up, started, or {@code null} when no interval is configured */
    static MemoryCleanup start(Duration interval, Supplier<? extends Iterable<MonitoredCache>> caches) {
        if (interval == null) {
            return null;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "cacheweave-cleanup");
            t.setDaemon(true);
            return t;
        });
        long nanos = interval.toNanos();
        timer.scheduleWithFixedDelay(() -> {
            long removed = 0;
            for (MonitoredCache c : caches.get()) {
                try {
                    removed += c.cleanUpExpired();
                } catch (RuntimeException e) { // one cache's failure must not stop the others or later runs
                    LOG.debug("cacheweave: clean-up of {} failed", c.operation(), e);
                }
            }
            if (removed > 0) {
                LOG.debug("cacheweave: periodic clean-up removed {} expired entries", removed);
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
        return new MemoryCleanup(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
