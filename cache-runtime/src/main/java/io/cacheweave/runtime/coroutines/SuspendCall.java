package io.cacheweave.runtime.coroutines;

import java.util.function.BiConsumer;

/**
 * One call of a woven {@code suspend} function that did not return at once from the cache: the continuation the
 * body completes into instead of its caller's. It hands the outcome to the cache ({@code onResult}: store a value,
 * apply invalidations) before the caller resumes.
 *
 * <p>A suspend function that suspends is called again by its own state machine when it resumes, with that state
 * machine as its continuation; this call is the state machine's completion, so the woven code recognises such a
 * re-entry ({@link SuspendResults#resumed}) and leaves it alone. {@code running} tells a re-entry from a recursive
 * call the body makes with its own state machine while it runs.
 */
public abstract class SuspendCall {
    /** The {@code MethodCache} or {@code InvalidatingMethod} that made the call. */
    final Object owner;
    private final BiConsumer<Object, Throwable> onResult;
    /** Whether the body runs now (first invocation, or a re-entry of its state machine). */
    volatile boolean running = true;
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
    public final boolean returned() {
        running = false;
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
