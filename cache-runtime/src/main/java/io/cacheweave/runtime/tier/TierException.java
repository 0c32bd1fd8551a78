package io.cacheweave.runtime.tier;

/** A shared tier failed or did not answer in time. Never reaches a caller of a cached method. */
public class TierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed @param cause why */
    public TierException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed */
    public TierException(String message) {
        super(message);
    }
}
