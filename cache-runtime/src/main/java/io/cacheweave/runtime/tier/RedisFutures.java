package io.cacheweave.runtime.tier;

import io.lettuce.core.RedisCommandTimeoutException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for Lettuce futures against one deadline and turns every failure into a {@link TierException}. */
final class RedisFutures {

    private RedisFutures() {
    }

    /**
     * @param deadline {@link System#nanoTime()} by which the future must be done
     * @param what the command, for the message
     */
    static <T> T await(Future<T> future, long deadline, String what) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new TierTimeoutException("redis " + what + " did not answer in time", e);
        } catch (ExecutionException | CompletionException e) {
            throw failure(e.getCause() == null ? e : e.getCause(), what);
        } catch (CancellationException e) {
            throw new TierException("redis " + what + " was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAll(List.of(future));
            throw new TierException("interrupted while waiting for redis " + what, e);
        }
    }

    /** Waits for all futures; on the first failure cancels the rest and throws. */
    static void awaitAll(List<? extends Future<?>> futures, long deadline, String what) {
        try {
            for (Future<?> f : futures) {
                await(f, deadline, what);
            }
        } catch (RuntimeException e) {
            cancelAll(futures);
            throw e;
        }
    }

    /** @return {@code e} as a {@link TierException} (a {@link TierTimeoutException} for timeouts) */
    static TierException failure(Throwable e, String what) {
        if (e instanceof TierException t) {
            return t;
        }
        if (e instanceof RedisCommandTimeoutException || e instanceof TimeoutException) {
            return new TierTimeoutException("redis " + what + " did not answer in time: " + e.getMessage(), e);
        }
        return new TierException("redis " + what + " failed: " + e, e);
    }

    private static void cancelAll(List<? extends Future<?>> futures) {
        for (Future<?> f : futures) {
            f.cancel(false);
        }
    }
}
