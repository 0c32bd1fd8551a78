package io.cacheweave.runtime.coroutines;

import java.util.function.BiConsumer;

/**
 * One call of a woven {@code suspend} function that did not return at once from the cache: the continuation the
 * body completes into instead of its caller's. It hands the outcome to the cache ({@code onResult}: store a value,
 * apply invalidations) before the caller resumes.
 *
 * <p>A suspend function that suspends is called again by its own state machine when it resumes, with that state
 * machine as its continuation; this call is the state machine's completion, so the woven code recognises such a
 * re-entry ({@link SuspendResults#resumed}) and leaves it alone.
 */
public abstract class SuspendCall {
    /** The {@code MethodCache} or {@code InvalidatingMethod} that made the call. */
    final Object owner;
    private final BiConsumer<Object, Throwable> onResult;
    private boolean firstReturned;
    private boolean done;

    SuspendCall(Object owner, BiConsumer<Object, Throwable> onResult) {
        this.owner = owner;
        this.onResult = onResult;
    }

    /** @return what gets the outcome */
    public final BiConsumer<Object, Throwable> onResult() {
        return onResult;
    }

    /**
     * Notes that an invocation of the body returned or threw.
     *
     * @return whether it was the first invocation (the call itself), not a re-entry of the state machine
     */
    public final synchronized boolean returned() {
        // Synchronized: the state machine may resume on another thread, and return from a re-entry, before the
        // first invocation's return reaches here; whichever comes first ends the first stretch (both outcomes are
        // handed on at most once).
        if (firstReturned) {
            return false;
        }
        firstReturned = true;
        return true;
    }

    /**
     * Hands the outcome to the cache, once: from the body's first invocation when it returned without suspending
     * or threw, or from {@code resumeWith} when it resumed after suspending.
     *
     * @param value the function's value
     * @param failure what it threw, or {@code null}
     */
    public final void complete(Object value, Throwable failure) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        onResult.accept(value, failure);
    }
}
