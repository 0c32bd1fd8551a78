package io.cacheweave.runtime.coroutines;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import kotlin.ResultKt;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.ContinuationInterceptor;
import kotlin.coroutines.jvm.internal.ContinuationImpl;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlin.coroutines.jvm.internal.CoroutineStackFrame;

/** {@link SuspendResults} over kotlin-stdlib's coroutine intrinsics. */
final class KotlinSuspendResults implements SuspendResults {

    @Override
    public Object suspended() {
        return IntrinsicsKt.getCOROUTINE_SUSPENDED();
    }

    @Override
    public SuspendCall resumed(Object owner, Object completion) {
        // The state machine of a function that suspended calls the function again with itself as the continuation;
        // its completion (the caller frame) is the call this cache made. A recursive call from the running body
        // passes the same state machine, so only a call that is not running now is re-entered.
        if (completion instanceof CoroutineStackFrame frame && frame.getCallerFrame() instanceof KotlinSuspendCall call
                && call.owner == owner && !call.running) {
            call.running = true;
            return call;
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public SuspendCall call(Object owner, Object completion, BiConsumer<Object, Throwable> onResult) {
        return new KotlinSuspendCall(owner, (Continuation<Object>) completion, onResult);
    }

    /**
     * @return the continuation that resumes {@code c} through its context's interceptor (dispatcher): Kotlin's own
     *     {@code intercepted()} for a state machine; for another continuation (a {@link KotlinSuspendCall}, which a
     *     function that tail-calls this one passes on) the interceptor asked directly
     */
    private static Continuation<Object> intercepted(Continuation<Object> c) {
        if (c instanceof ContinuationImpl) {
            return IntrinsicsKt.intercepted(c);
        }
        ContinuationInterceptor interceptor = c.getContext().get(ContinuationInterceptor.Key);
        return interceptor == null ? c : interceptor.interceptContinuation(c);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object join(CompletableFuture<?> load, Object completion) throws Throwable {
        if (load.isDone()) {
            try {
                return load.join();
            } catch (RuntimeException e) {
                throw SuspendResults.unwrap(e);
            }
        }
        // Resumed through its dispatcher, as suspendCoroutine would: the load completes on another coroutine's thread.
        Continuation<Object> caller = intercepted((Continuation<Object>) completion);
        load.whenComplete((value, failure) -> caller.resumeWith(
                failure == null ? value : ResultKt.createFailure(SuspendResults.unwrap(failure))));
        return suspended();
    }
}
