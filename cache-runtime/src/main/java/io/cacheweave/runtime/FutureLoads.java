package io.cacheweave.runtime;

import io.cacheweave.runtime.reactive.ReactiveResults;
import io.cacheweave.runtime.reactive.ResultTooLarge;
import io.cacheweave.runtime.woven.CachedValue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The loads of {@code @Cached} methods that return a {@code CompletableFuture} or {@code CompletionStage}, or a Reactor
 * {@code Mono} or {@code Flux}, behind {@link MethodCache}'s {@code exitAsync} and {@code future}: the load is the
 * future (or a future over the publisher), callers of the same key join it at once, and its value is stored when it
 * completes normally. Kotlin suspend functions use the same store on completion ({@link SuspendLoads}).
 */
final class FutureLoads {
    private FutureLoads() {
    }

    /** {@link MethodCache#exitAsync}: see {@link io.cacheweave.runtime.woven.CachedMethod#exitAsync}. */
    static Object exit(MethodCache method, Object token, Object returned, Throwable thrown) {
        if (!(token instanceof Flight f)) {
            return returned;
        }
        MethodState s = (MethodState) f.core;
        ReactiveResults reactive = s.returnType.reactive();
        if (thrown != null || returned == null || (reactive == null && !(returned instanceof CompletionStage<?>))) {
            if (reactive != null) {
                abandon(f, null); // threw, or returned null: nothing to share, and a publisher is never stored
            } else {
                method.exit(token, returned, thrown);
            }
            return returned;
        }
        BiConsumer<Object, Throwable> store = storeOnCompletion(method, f);
        if (reactive != null) {
            CompletableFuture<Object> load = reactive.load(returned, s.fluxMaxElements, store);
            f.finish(MemoryEntry.inFlight(load)); // later callers of the key join it until it completes
            return reactive.shared(load);
        }
        CompletableFuture<?> future;
        try {
            future = ((CompletionStage<?>) returned).toCompletableFuture();
        } catch (UnsupportedOperationException e) { // a CompletionStage that cannot be viewed as a future
            abandon(f, null);
            return returned;
        }
        f.finish(MemoryEntry.inFlight(future)); // later callers of the key join it until it completes
        future.whenComplete(store);
        return returned;
    }

    /**
     * @return what a load that completes later does with its outcome: counts it, stores a value (memory tier, then
     *     shared tier) and ends the flight; a failure is counted and never stored
     */
    static BiConsumer<Object, Throwable> storeOnCompletion(MethodCache method, Flight f) {
        MethodState s = (MethodState) f.core;
        return (value, failure) -> {
            boolean stored = false;
            Duration ttl = s.entryTtl();
            try {
                long nanos = System.nanoTime() - f.startNanos;
                if (failure instanceof ResultTooLarge) {
                    s.counters.loaded(nanos);
                    s.counters.resultTooLarge();
                } else {
                    MemoryEntry outcome = failure == null ? s.storedValue(value, ttl) : MemoryEntry.failed(failure);
                    stored = method.storeInMemory(f, outcome, nanos);
                }
            } finally {
                s.flights.remove(f.key, f);
            }
            try {
                if (stored) {
                    method.storeShared(f, value, ttl);
                }
            } finally {
                f.releaseLease();
            }
        };
    }

    /** Ends a load that stores nothing; callers waiting for it get {@code inFlight} ({@code null}: none). */
    static void abandon(Flight f, Object inFlight) {
        f.core.finish(f, MemoryEntry.inFlight(inFlight));
        f.releaseLease();
    }
    /** {@link MethodCache#future}: see {@link io.cacheweave.runtime.woven.CachedMethod#future}. */
    static Object handOut(MethodState state, CachedValue found) {
        ReactiveResults reactive = state.returnType.reactive();
        if (found.isInFlight()) {
            Object load = found.value();
            return load == null ? null : reactive != null ? reactive.shared((CompletableFuture<?>) load)
                    : ((CompletableFuture<?>) load).copy();
        }
        return reactive != null ? reactive.stored(found.value()) : CompletableFuture.completedFuture(found.value());
    }
}
