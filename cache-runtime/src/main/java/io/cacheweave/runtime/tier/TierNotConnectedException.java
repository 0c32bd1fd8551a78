package io.cacheweave.runtime.tier;

/**
 * A shared tier has not made its first connection yet (its client is still starting, or Redis has not been reachable
 * since the start). The call did not reach the tier; {@link GuardedTier} skips the tier for it as it does while its
 * breaker is open, without counting a failure, so that the first call after the connection is made uses the tier.
 * A connection lost later fails calls with a plain {@link TierException}, which does count.
 */
public class TierNotConnectedException extends TierException {
    private static final long serialVersionUID = 1L;

    /** @param message what is not connected @param cause the last connection failure, or {@code null} */
    public TierNotConnectedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what is not connected */
    public TierNotConnectedException(String message) {
        super(message);
    }

    /** @return this, without a stack trace: thrown by every call until the first connection, and never logged */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
