package io.cacheweave.runtime.coroutines;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * How the woven code of a Kotlin {@code suspend} function (as the JVM sees it: a last parameter of type
 * {@code kotlin.coroutines.Continuation}, a result of {@code Object} that is the value or
 * {@code COROUTINE_SUSPENDED}) talks to Kotlin. No signature names a Kotlin type, so this interface loads without
 * Kotlin.
 */
public interface SuspendResults {

    /** The type of the last parameter of a suspend function on the JVM. */
    String CONTINUATION = "kotlin.coroutines.Continuation";

    /** @return Kotlin's {@code COROUTINE_SUSPENDED} marker */
    Object suspended();

    /**
     * @param owner the method's handle
     * @param completion the continuation the function was called with
     * @return the call of {@code owner} whose state machine re-enters the function now to resume it, or
     *     {@code null} when this is a new call
     */
    SuspendCall resumed(Object owner, Object completion);

    /**
     * @param owner the method's handle
     * @param completion the caller's continuation
     * @param onResult gets the value (or the failure) before the caller resumes with it
     * @return a new call, to pass to the body as its continuation
     */
    SuspendCall call(Object owner, Object completion, BiConsumer<Object, Throwable> onResult);

    /**
     * Joins another caller's load.
     *
     * @param load the load's future
     * @param completion the joining caller's continuation
     * @return the value, when the load has completed with one; else {@link #suspended()}, and the caller is resumed
     *     (through its dispatcher) with the load's value or failure
     * @throws Throwable the load's failure, when it has already failed
     */
    Object join(CompletableFuture<?> load, Object completion) throws Throwable;

    /**
     * @return Kotlin's results
     * @throws IllegalStateException when the Kotlin implementation cannot be loaded (no kotlin-stdlib)
     */
    static SuspendResults kotlin() {
        return Loaded.KOTLIN.get();
    }

    /**
     * @param descriptor a method's JVM descriptor
     * @return Kotlin's results when the method is a suspend function (its last parameter is a continuation) and
     *     Kotlin is there; else {@code null}
     */
    static SuspendResults forDescriptor(String descriptor) {
        if (!descriptor.contains("Lkotlin/coroutines/Continuation;)")) {
            return null;
        }
        try {
            return kotlin();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** The implementation, loaded once, on first use. */
    final class Loaded {
        private static final java.util.function.Supplier<SuspendResults> KOTLIN = load();

        private Loaded() {
        }

        private static java.util.function.Supplier<SuspendResults> load() {
            try {
                SuspendResults results = (SuspendResults) Class.forName(
                        "io.cacheweave.runtime.coroutines.KotlinSuspendResults", true,
                        SuspendResults.class.getClassLoader()).getDeclaredConstructor().newInstance();
                return () -> results;
            } catch (ReflectiveOperationException | LinkageError e) {
                IllegalStateException failure = new IllegalStateException("the suspend-function support cannot be "
                        + "loaded; is kotlin-stdlib on the class path of cache-runtime? " + e, e);
                return () -> {
                    throw failure;
                };
            }
        }
    }

    /** @return the cause of a {@code CompletionException} or {@code ExecutionException}, else {@code t} */
    static Throwable unwrap(Throwable t) {
        return (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null ? t.getCause() : t;
    }
}
