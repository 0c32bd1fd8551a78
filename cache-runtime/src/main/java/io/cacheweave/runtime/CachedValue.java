package io.cacheweave.runtime;

/**
 * A stored result, and the token by which the woven advice recognises a hit: the advice skips the method body when
 * {@link MethodCache#enter(Object)} returns an instance of this class and hands back {@link #value()} (or throws
 * {@link #failure()}, for a caller that waited on another caller's failed load).
 */
public final class CachedValue {

    /** {@link #deadline()} of an entry that lives as long as its cache's fixed expiry allows. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Object value;
    private final Throwable failure;
    private final long deadline;
    private final boolean inFlight;
    private final long writtenAt;
    /**
     * The entry's number in its memory tier, set before it is put there (0: none): what a sampled hit notes, so the
     * hit path stores an int, never a reference (see MethodCache).
     */
    int id;

    CachedValue(Object value, long deadline) {
        this(value, null, deadline, false, 0);
    }

    /** A stored value written at the clock reading {@code writtenAt}, for refresh-ahead. */
    CachedValue(Object value, long deadline, long writtenAt) {
        this(value, null, deadline, false, writtenAt);
    }

    private CachedValue(Object value, Throwable failure, long deadline, boolean inFlight, long writtenAt) {
        this.value = value;
        this.failure = failure;
        this.deadline = deadline;
        this.inFlight = inFlight;
        this.writtenAt = writtenAt;
    }

    /** @return the clock reading when the value was loaded (refresh-ahead methods only; else 0) */
    long writtenAt() {
        return writtenAt;
    }

    static CachedValue failed(Throwable failure) {
        return new CachedValue(null, failure, NO_DEADLINE, false, 0);
    }

    /** The future of a load still running, which callers of the same cold key share. */
    static CachedValue inFlight(Object future) {
        return new CachedValue(future, null, NO_DEADLINE, true, 0);
    }

    /** @return whether {@link #value()} is the future of a load still running, rather than a stored value */
    public boolean isInFlight() {
        return inFlight;
    }

    /** @return the stored value, possibly {@code null} */
    public Object value() {
        return value;
    }

    /** @return the failure to rethrow, or {@code null} */
    public Throwable failure() {
        return failure;
    }

    /**
     * @return the clock reading after which this entry is stale, or {@link #NO_DEADLINE}; set when an entry came
     *     with less time left than its cache's fixed expiry
     */
    public long deadline() {
        return deadline;
    }
}
