package io.cacheweave.runtime;

import io.cacheweave.runtime.coroutines.SuspendCall;
import io.cacheweave.runtime.coroutines.SuspendResults;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The loads of {@code @Cached} Kotlin suspend functions, behind {@link MethodCache}'s suspend methods. A load is a
 * future, as for a method returning a {@code CompletableFuture}: the caller that claimed the key runs the body with a
 * {@link SuspendCall} as its continuation, which completes the future when the function resumes with its value (or
 * at once, when the body returns without suspending); the future stores the value; the callers of the key that come
 * meanwhile join the future and suspend until it completes, without blocking their threads.
 */
final class SuspendLoads {
    private SuspendLoads() {
    }

    /** What a load's call hands its outcome to: the load's future, which stores it when completed. */
    private record Load(Flight flight, CompletableFuture<Object> future) implements BiConsumer<Object, Throwable> {
        @Override
        public void accept(Object value, Throwable failure) {
            if (failure == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }

    /** What an uncached call hands its outcome to: nothing. */
    private static final BiConsumer<Object, Throwable> PASS_THROUGH = (value, failure) -> { };

    static Object load(MethodCache cache, SuspendResults suspend, Object token, Object completion) {
        if (suspend == null || completion == null) {
            if (token instanceof Flight f) {
                FutureLoads.abandon(f, null); // cannot happen for a woven suspend function; end the flight anyway
            }
            return null;
        }
        if (!(token instanceof Flight f)) {
            return suspend.call(cache, completion, PASS_THROUGH); // uncached; re-entries still recognised
        }
        CompletableFuture<Object> future = new CompletableFuture<>();
        future.whenComplete(FutureLoads.storeOnCompletion(cache, f));
        return suspend.call(cache, completion, new Load(f, future));
    }

    static Object exit(Object token, Object returned, Throwable thrown) {
        if (!(token instanceof SuspendCall call) || !call.returned()) {
            return returned; // a re-entry of the state machine: its outcome reaches the call as it resumes
        }
        if (call.onResult() instanceof Load load) {
            load.flight.finish(MemoryEntry.inFlight(load.future)); // callers of the key from now on join the load
            SuspendResults suspend = SuspendResults.kotlin();
            if (thrown != null) {
                call.complete(null, thrown);
            } else if (returned != suspend.suspended()) {
                call.complete(returned, null); // returned without suspending
            }
        }
        return returned;
    }

    static Object join(SuspendResults suspend, io.cacheweave.runtime.woven.CachedValue found, Object completion) throws Throwable {
        Object load = found.value();
        if (!(load instanceof CompletableFuture<?> future) || suspend == null) {
            return load; // not a load: a stored value
        }
        return suspend.join(future, completion);
    }
}
