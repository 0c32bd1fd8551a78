package io.cacheweave.runtime.coroutines;

import java.util.function.BiConsumer;
import kotlin.Result;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.jvm.internal.CoroutineStackFrame;

/**
 * {@link SuspendCall} as a Kotlin continuation. A stack frame of the coroutine too, so that the function's state
 * machine names it as its caller frame ({@link KotlinSuspendResults#resumed}) and debuggers still walk through it to
 * the real caller.
 */
final class KotlinSuspendCall extends SuspendCall implements Continuation<Object>, CoroutineStackFrame {
    private final Continuation<Object> caller;

    KotlinSuspendCall(Object owner, Continuation<Object> caller, BiConsumer<Object, Throwable> onResult) {
        super(owner, onResult);
        this.caller = caller;
    }

    @Override
    public CoroutineContext getContext() {
        return caller.getContext();
    }

    /**
     * The body completed after suspending: the cache gets the outcome first, then the caller resumes with it (on
     * this thread, as the body's own state machine would resume it: the body already runs on the caller's
     * dispatcher).
     */
    @Override
    public void resumeWith(Object result) {
        try {
            if (result instanceof Result.Failure failure) {
                complete(null, failure.exception);
            } else {
                complete(result, null);
            }
        } catch (Throwable t) {
            // A cache failure never reaches the caller (the runtime logs its own failures).
        }
        caller.resumeWith(result);
    }

    @Override
    public CoroutineStackFrame getCallerFrame() {
        return caller instanceof CoroutineStackFrame frame ? frame : null;
    }

    @Override
    public StackTraceElement getStackTraceElement() {
        return null;
    }

    @Override
    public String toString() {
        return "cacheweave suspend call of " + owner + " for " + caller;
    }
}
