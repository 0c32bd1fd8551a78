package io.cacheweave.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The shared-tier side of a pattern invalidation: {@code SCAN MATCH} + {@code UNLINK}, which takes time in
 * proportion to the size of the tier (about a second per million keys on Redis), so it never holds the caller
 * longer than a bound, the Redis command timeout ({@code cacheweave.redis.timeout}): what is left continues on one
 * background thread ("cacheweave-pattern-invalidation", deletions one after another), and once it is done the
 * pattern is sent to every node again ({@code again}), so a copy promoted from the tier before the deletion reached
 * it is dropped too.
 */
final class PatternDeletes implements AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(PatternDeletes.class);

    private final SharedTierAccess shared;
    private final long boundNanos;
    private final Consumer<String> again;
    private volatile ExecutorService background;

    /**
     * @param bound how long the caller waits at most
     * @param again applies the pattern once more on this node's memory tiers and sends it to the others, after a
     *     deletion that outlasted the bound
     */
    PatternDeletes(SharedTierAccess shared, Duration bound, Consumer<String> again) {
        this.shared = shared;
        this.boundNanos = bound.toNanos();
        this.again = again;
    }

    /** @return how many entries went, or -1 when the deletion goes on in the background */
    long delete(String logicalPattern) {
        CompletableFuture<Long> deleted;
        try {
            StrictCalls caller = StrictCalls.current(); // a strict caller learns of a failure within the bound
            deleted = CompletableFuture.supplyAsync(() -> StrictCalls.recordingInto(caller,
                    () -> shared.deleteMatching(logicalPattern)), executor());
        } catch (java.util.concurrent.RejectedExecutionException e) { // closed: the runtime is closing
            return 0;
        }
        try {
            return deleted.get(boundNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.info("cacheweave: invalidation of pattern {} takes longer than {} ms (SCAN of the whole shared "
                    + "tier); it goes on in the background", logicalPattern, boundNanos / 1_000_000);
            deleted.thenAccept(n -> {
                LOG.info("cacheweave: invalidation of pattern {} done in the background: {} entries", logicalPattern,
                        n);
                again.accept(logicalPattern);
            });
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException e) {
            return 0; // deleteMatching never throws: fails open, logged there
        }
    }

    private ExecutorService executor() {
        ExecutorService e = background;
        if (e == null) {
            synchronized (this) {
                e = background;
                if (e == null) {
                    e = Executors.newSingleThreadExecutor(task -> {
                        Thread t = new Thread(task, "cacheweave-pattern-invalidation");
                        t.setDaemon(true);
                        return t;
                    });
                    background = e;
                }
            }
        }
        return e;
    }

    /** Stops the background thread; a deletion under way is interrupted between batches, or runs out. */
    @Override
    public void close() {
        ExecutorService e = background;
        if (e != null) {
            e.shutdownNow();
        }
    }
}
