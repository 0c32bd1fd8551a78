package io.cacheweave.runtime.woven;

/**
 * What {@link CachedMethod#enter(Object)} returns for a hit, and how the woven advice recognises one: the advice
 * skips the method body when it gets an instance of this class and hands back {@link #value()} (or throws
 * {@link #failure()}, for a caller that waited on another caller's failed load). For a method that returns a future
 * or a publisher, a value {@linkplain #isInFlight() in flight} is the load of another caller, which this one joins.
 *
 * <p>The engine's memory-tier entries extend it with what only the engine reads (deadline, load time); the advice
 * sees these three accessors only.
 *
 * <p><b>Woven ABI</b> (see the package description).
 */
public abstract class CachedValue {
    private final Object value;
    private final Throwable failure;
    private final boolean inFlight;

    /**
     * @param value the stored value, the future of a load in flight, or {@code null}
     * @param failure the failure to rethrow, or {@code null}
     * @param inFlight whether {@code value} is the future of a load still running
     */
    protected CachedValue(Object value, Throwable failure, boolean inFlight) {
        this.value = value;
        this.failure = failure;
        this.inFlight = inFlight;
    }

    /** @return whether {@link #value()} is the future of a load still running, rather than a stored value */
    public final boolean isInFlight() {
        return inFlight;
    }

    /** @return the stored value, possibly {@code null} */
    public final Object value() {
        return value;
    }

    /** @return the failure to rethrow, or {@code null} */
    public final Throwable failure() {
        return failure;
    }

    /**
     * @return the memory-tier key the value is stored under when that key is a tuple of two parts (what a
     *     {@link CachedMethod#candidate} is checked against), else {@code null}
     */
    public Object key() {
        return null;
    }
}
