package io.cacheweave.runtime.reactive;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * How the cache hands out and loads the results of methods that return a publisher: the same protocol as methods
 * that return a {@code CompletableFuture} (a load is a future that the method cache stores from when it completes
 * with a value), with the publisher types of one library. No signature names a library type, so this interface
 * loads without the library.
 */
public interface ReactiveResults {

    /** Implementation of {@code reactor.core.publisher.Mono}. */
    String MONO = "reactor.core.publisher.Mono";
    /** Implementation of {@code reactor.core.publisher.Flux}. */
    String FLUX = "reactor.core.publisher.Flux";

    /**
     * @param value a stored value: the {@code Mono}'s value ({@code null}: empty), or the {@code Flux}'s elements
     *     as a {@code List}
     * @return a publisher of it, which does no work beyond signalling the value
     */
    Object stored(Object value);

    /**
     * Makes the one load that every caller of a key shares: it subscribes to {@code returned} once, when the first
     * of the publishers from {@link #shared} is subscribed to, and completes with the value (or the {@code List}
     * of elements; {@code null} for an empty {@code Mono}), exceptionally with the error, or exceptionally with
     * {@link ResultTooLarge} when a {@code Flux} emits more than {@code maxElements}.
     *
     * @param returned the publisher the method returned
     * @param maxElements the most elements of a {@code Flux} that are collected and stored
     * @param beforeSubscribers gets the outcome (value, or failure) before any subscriber does, so that a caller
     *     who has seen the value finds it stored
     * @return the load
     */
    CompletableFuture<Object> load(Object returned, int maxElements, BiConsumer<Object, Throwable> beforeSubscribers);

    /**
     * @param load a load from {@link #load}
     * @return a publisher for one caller: subscribing to it starts the load if it has not started, and cancelling
     *     it leaves the load running for the others
     */
    Object shared(CompletableFuture<?> load);

    /** Subscribes to a publisher from {@link #shared} and ignores what it signals (a background reload). */
    void subscribe(Object publisher);

    /**
     * @param publisher a publisher an {@code @Invalidate} method returned
     * @param onSubscribe runs on each subscription
     * @param onComplete runs when a subscription completes normally (not on an error or a cancel)
     * @return the publisher that runs them
     */
    Object invalidating(Object publisher, Runnable onSubscribe, Runnable onComplete);

    /**
     * @param publisher an object
     * @return the results of its publisher type (a {@code Mono} or {@code Flux}), or {@code null} when it is neither
     */
    static ReactiveResults ofPublisher(Object publisher) {
        for (Class<?> c = publisher.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(MONO) || c.getName().equals(FLUX)) {
                return forReturnType(c);
            }
        }
        return null;
    }

    /**
     * @param returnType the declared return type of a method
     * @return the results of that publisher type, or {@code null} when it is not a supported publisher
     */
    static ReactiveResults forReturnType(Class<?> returnType) {
        String implementation = switch (returnType.getName()) {
            case MONO -> "io.cacheweave.runtime.reactive.MonoResults";
            case FLUX -> "io.cacheweave.runtime.reactive.FluxResults";
            default -> null;
        };
        if (implementation == null) {
            return null;
        }
        try {
            return (ReactiveResults) Class.forName(implementation, true, ReactiveResults.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the reactive results of " + returnType.getName() + " cannot be "
                    + "loaded; is reactor-core on the class path of cache-runtime? " + e, e);
        }
    }
}
