package io.cacheweave.runtime.tier;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A {@link SharedTier} that never throws: it runs each call of the tier it wraps behind a {@link CircuitBreaker}.
 * While the breaker is open the tier is skipped: {@code get} returns {@code null}, {@code getAll} an empty map,
 * {@code put}/{@code putAll} do nothing, {@code delete}/{@code deleteMatching} return 0, {@code remainingMillis}
 * returns {@link #ABSENT}, {@code extendTtl} {@code false}, {@code keys} an empty list and {@code cleanupExpired} 0.
 * Otherwise the call runs, its outcome is reported to the breaker, and any exception becomes that same miss or
 * no-op, counted ({@link #errors()}, {@link #timeouts()}) and logged at DEBUG at most once a second. Only a {@link VirtualMachineError}
 * ({@code OutOfMemoryError}, ...) passes through.
 *
 * <p>Every exception counts as a failure for the breaker, including a wrapped tier's argument checks: a caller that
 * passes a bad argument again and again gets the tier skipped, not an exception. The one exception is
 * {@link TierNotConnectedException} (a tier that has not made its first connection yet): the call is counted as
 * skipped ({@link #skipped()}), as while the breaker is open, so that the tier is used from the first call after it
 * connects.
 */
public final class GuardedTier implements SharedTier, LeaseTier {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(GuardedTier.class);

    private final SharedTier delegate;
    private final CircuitBreaker breaker;
    private final LongAdder errors = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LogLimiter logLimiter = new LogLimiter(TimeUnit.SECONDS.toNanos(1));

    /**
     * @param delegate the tier to guard; closed by {@link #close()}
     * @param breaker the breaker that decides when to skip it
     */
    public GuardedTier(SharedTier delegate, CircuitBreaker breaker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.breaker = Objects.requireNonNull(breaker, "breaker must not be null");
        delegate.onConnected(breaker::reachable); // a tier that is back is probed at once
    }

    /** @return the guarded tier */
    public SharedTier delegate() {
        return delegate;
    }

    /** @return the breaker */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** @return whether the guarded tier has made its first connection ({@link SharedTier#ready()}) */
    @Override
    public boolean ready() {
        return delegate.ready();
    }

    /** @return calls that failed other than by a timeout */
    public long errors() {
        return errors.sum();
    }

    /** @return calls that failed because the tier did not answer in time */
    public long timeouts() {
        return timeouts.sum();
    }

    /** @return calls skipped because the breaker was open */
    public long skipped() {
        return skipped.sum();
    }

    @Override
    public StoredValue get(String key) {
        return call("get", () -> delegate.get(key), null);
    }

    @Override
    public Map<String, StoredValue> getAll(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return Map.of();
        }
        Map<String, StoredValue> found = call("getAll", () -> delegate.getAll(keys), Map.of());
        return found == null ? Map.of() : found;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        call("put", () -> {
            delegate.put(key, value, ttl);
            return null;
        }, null);
    }

    @Override
    public void putAll(Map<String, byte[]> values, Duration ttl) {
        if (values == null || values.isEmpty()) {
            return;
        }
        call("putAll", () -> {
            delegate.putAll(values, ttl);
            return null;
        }, null);
    }

    @Override
    public long delete(Collection<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return 0;
        }
        return call("delete", () -> delegate.delete(keys), 0L);
    }

    @Override
    public long deleteMatching(String glob) {
        return call("deleteMatching", () -> delegate.deleteMatching(glob), 0L);
    }

    @Override
    public long remainingMillis(String key) {
        return call("remainingMillis", () -> delegate.remainingMillis(key), ABSENT);
    }

    @Override
    public boolean extendTtl(String key, Duration extra) {
        return call("extendTtl", () -> delegate.extendTtl(key, extra), false);
    }

    @Override
    public List<String> keys(String glob, int limit) {
        List<String> found = call("keys", () -> delegate.keys(glob, limit), List.of());
        return found == null ? List.of() : found;
    }

    @Override
    public long cleanupExpired(String glob) {
        return call("cleanupExpired", () -> delegate.cleanupExpired(glob), 0L);
    }

    /** @return the delegate's answer; {@code UNAVAILABLE} when it has no leases, fails, or the breaker is open */
    @Override
    public LeaseResult tryLease(String key, String owner, Duration ttl) {
        if (!(delegate instanceof LeaseTier leases)) {
            return LeaseResult.UNAVAILABLE;
        }
        return call("tryLease", () -> leases.tryLease(key, owner, ttl), LeaseResult.UNAVAILABLE);
    }

    @Override
    public boolean renewLease(String key, String owner, Duration ttl) {
        return delegate instanceof LeaseTier leases && call("renewLease", () -> leases.renewLease(key, owner, ttl),
                false);
    }

    @Override
    public void releaseLease(String key, String owner) {
        if (delegate instanceof LeaseTier leases) {
            call("releaseLease", () -> {
                leases.releaseLease(key, owner);
                return null;
            }, null);
        }
    }

    /**
     * What a guarded call tells its caller besides its result, so that the caller's own counters (those of the
     * operation that made the call) say what happened. Called on the calling thread; must not throw.
     */
    public interface Outcome {
        /** Tells nothing. */
        Outcome IGNORED = new Outcome() {
        };

        /** The breaker was open: the call did not reach the tier and the fallback was returned. */
        default void skipped() {
        }

        /**
         * The call failed and the fallback was returned.
         *
         * @param failure what the tier threw
         * @param timeout whether it was a timeout ({@link #isTimeout(Throwable)})
         */
        default void failed(Throwable failure, boolean timeout) {
        }
    }

    /**
     * Runs one call of the guarded tier behind the breaker: the one place where a shared-tier failure becomes a
     * fallback (every {@link SharedTier} method of this class runs here, and so do the runtime's calls, which pass
     * an {@link Outcome} that counts for their operation). Never throws, except a {@link VirtualMachineError}. A
     * tier that has not made its first connection ({@link SharedTier#ready()}) is skipped without being called, so
     * nothing is prepared for a call that cannot be sent (for Redis, the first command built loads Lettuce's codec,
     * which starts Netty's logging and SLF4J, on the application's first cached calls).
     *
     * @param operation the call's name, for the log
     * @param action the call of {@link #delegate()}
     * @param fallback what to return when the breaker is open or the call fails
     * @param outcome told when the call was skipped or failed
     * @param <T> the result type
     * @return the call's result, or {@code fallback}
     */
    public <T> T call(String operation, Supplier<? extends T> action, T fallback, Outcome outcome) {
        if (!delegate.ready() || !breaker.tryAcquire()) {
            skipped.increment();
            outcome.skipped();
            return fallback;
        }
        T result;
        try {
            result = action.get();
        } catch (TierNotConnectedException notYet) {
            // not connected yet (of several connections, the one picked has not connected; or a tier that does
            // not say it is not ready): skipped like an open breaker, and not a failure, so the breaker does not open
            // and the first call after the connection is made reaches the tier (a probe left unreported is
            // replaced by the breaker after its open duration)
            skipped.increment();
            outcome.skipped();
            return fallback;
        } catch (Throwable e) {
            breaker.onFailure(e);
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            boolean timeout = failed(operation, e);
            outcome.failed(e, timeout);
            return fallback;
        }
        breaker.onSuccess();
        return result;
    }

    private <T> T call(String operation, Supplier<T> action, T fallback) {
        return call(operation, action, fallback, Outcome.IGNORED);
    }

    /** @return a guard that never opens, for a tier the runtime was given without one: failures still fail open */
    public static GuardedTier neverOpening(SharedTier tier) {
        return new GuardedTier(tier, CircuitBreaker.builder().name(String.valueOf(tier))
                .failureThreshold(Integer.MAX_VALUE).build());
    }

    /** @return whether it was a timeout */
    private boolean failed(String operation, Throwable e) {
        boolean timeout = isTimeout(e);
        (timeout ? timeouts : errors).increment();
        if (!LOG.isDebugEnabled()) {
            return timeout;
        }
        long suppressed = logLimiter.tryAcquire();
        if (suppressed >= 0) {
            LOG.debug("cacheweave: shared tier {} {}; treated as a miss/no-op (breaker {}, {} similar messages "
                    + "suppressed)", operation, timeout ? "timed out" : "failed", breaker.state(), suppressed, e);
        }
        return timeout;
    }

    /** @return whether {@code e} or one of its causes is a timeout */
    public static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TierTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Closes the guarded tier; never throws. */
    @Override
    public void close() {
        try {
            delegate.close();
        } catch (RuntimeException e) {
            LOG.warn("cacheweave: closing shared tier {} failed", delegate, e);
        }
    }

    @Override
    public String toString() {
        return "GuardedTier[" + delegate + ", " + breaker + "]";
    }
}
