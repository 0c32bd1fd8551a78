package io.cacheweave.runtime.tier;

/** A shared tier did not answer within its timeout. {@link GuardedTier} counts these apart from other failures. */
public class TierTimeoutException extends TierException {
    private static final long serialVersionUID = 1L;

    /** @param message what did not answer in time @param cause the client's own timeout, if any */
    public TierTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
