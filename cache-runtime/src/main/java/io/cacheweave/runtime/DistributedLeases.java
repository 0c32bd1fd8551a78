package io.cacheweave.runtime;

import io.cacheweave.runtime.tier.LeaseTier;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The cross-node stampede guard of {@code @Cached(lease = true)} methods: of the nodes that miss one key at the same
 * time, the one that takes the lease ({@code SET key token NX PX}) loads, and the others wait for the value to appear
 * in the shared tier, or load themselves once the lease's timeout has passed without it. The owner renews the
 * lease while it loads and releases it (only its own) when the value is stored or the load failed.
 */
final class DistributedLeases implements AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(DistributedLeases.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final LeaseTier tier;
    private final String prefix;
    private final Duration timeout;
    private final ScheduledExecutorService renewer;

    DistributedLeases(LeaseTier tier, String namespace, int schemaVersion, Duration timeout) {
        this.tier = tier;
        this.prefix = namespace + ":lease:v" + schemaVersion + ":";
        this.timeout = timeout;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cacheweave-lease-renewer");
            t.setDaemon(true);
            return t;
        });
    }

    /** A lease this node holds while it loads one key. */
    final class Held {
        private final String key;
        private final String owner = UUID.randomUUID().toString();
        private volatile ScheduledFuture<?> renewal;

        private Held(String key) {
            this.key = key;
        }

        /** Stops renewing and releases the lease if it is still ours; never throws. */
        void release() {
            ScheduledFuture<?> r = renewal;
            if (r != null) {
                r.cancel(false);
            }
            tier.releaseLease(key, owner);
        }
    }

    /**
     * Takes the lease of {@code logicalKey}, or waits while another node holds it.
     *
     * @param readShared looks the value up in the shared tier; {@code null} while absent
     * @param waited called once when this caller starts waiting for another node
     * @return the value another node stored ({@link MemoryEntry}), the lease to load under ({@link Held}), or
     *     {@code null}: load without a lease (the tier cannot tell, or the other node took longer than the timeout)
     */
    Object acquire(String logicalKey, Supplier<MemoryEntry> readShared, Runnable waited) {
        String key = prefix + logicalKey;
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean waiting = false;
        while (true) {
            Held held = new Held(key);
            switch (tier.tryLease(key, held.owner, timeout)) {
                case ACQUIRED -> {
                    // The previous holder stores its value before it releases: if it just did, use that value.
                    MemoryEntry stored = readShared.get();
                    if (stored != null) {
                        held.release();
                        return stored;
                    }
                    long every = Math.max(1, timeout.toMillis() / 3);
                    held.renewal = renewer.scheduleAtFixedRate(() -> renew(held), every, every,
                            TimeUnit.MILLISECONDS);
                    return held;
                }
                case UNAVAILABLE -> {
                    return null;
                }
                case HELD_ELSEWHERE -> {
                    if (!waiting) {
                        waiting = true;
                        waited.run();
                    }
                }
            }
            MemoryEntry found = readShared.get();
            if (found != null) {
                return found;
            }
            if (System.nanoTime() - deadline > 0) {
                LOG.debug("cacheweave: no value for {} after the lease timeout {}; loading here", logicalKey, timeout);
                return null;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private void renew(Held held) {
        if (!tier.renewLease(held.key, held.owner, timeout)) {
            ScheduledFuture<?> r = held.renewal;
            if (r != null) {
                r.cancel(false); // lost it (expired or the tier failed): the load goes on, others may start theirs
            }
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
