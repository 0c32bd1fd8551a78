package io.cacheweave.runtime.coroutines;

import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import kotlin.ResultKt;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.ContinuationInterceptor;
import kotlin.coroutines.jvm.internal.ContinuationImpl;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlin.coroutines.jvm.internal.BaseContinuationImpl;

/** {@link SuspendResults} over kotlin-stdlib's coroutine intrinsics. */
final class KotlinSuspendResults implements SuspendResults {

    @Override
    public Object suspended() {
        return IntrinsicsKt.getCOROUTINE_SUSPENDED();
    }

    /**
     * The field of a state machine that Kotlin marks (its sign bit) when the machine calls its function again to
     * resume it, and the function clears first thing: how Kotlin itself tells a resumption from a new call that
     * passes the same machine (a recursive call of the running body).
     */
    private static final ClassValue<Field> LABELS = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            try {
                Field label = type.getDeclaredField("label");
                label.setAccessible(true);
                return label.getType() == int.class ? label : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    @Override
    public SuspendCall resumed(Object owner, Object completion) {
        // The function's own state machine has the call this cache made as its completion. It passes itself both
        // when it resumes the function and when the running body calls the function recursively; only the first
        // is a re-entry.
        if (completion instanceof BaseContinuationImpl machine
                && machine.getCompletion() instanceof KotlinSuspendCall call && call.owner == owner
                && resuming(machine)) {
            return call;
        }
        return null;
    }

    /** @return whether the state machine is resuming its function; when its label cannot be read, assumed so */
    private static boolean resuming(BaseContinuationImpl machine) {
        Field label = LABELS.get(machine.getClass());
        if (label == null) {
            return true; // then a recursive call with this machine runs uncached, which is still correct
        }
        try {
            return (label.getInt(machine) & Integer.MIN_VALUE) != 0;
        } catch (IllegalAccessException e) {
            return true;
        }
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
