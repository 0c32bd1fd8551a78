package io.cacheweave.runtime.reactive;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ReactiveResults} of methods returning {@code Flux<T>}: the cache stores the complete sequence as a
 * {@code List<T>}, and a caller gets the elements once the shared load completed. A sequence longer than the bound
 * is not stored: each subscriber then gets the method's own {@code Flux}, run again for it.
 */
final class FluxResults implements ReactiveResults {

    @Override
    public Object stored(Object value) {
        return Flux.fromIterable((List<?>) value);
    }

    @Override
    public CompletableFuture<Object> load(Object returned, int maxElements,
            BiConsumer<Object, Throwable> beforeSubscribers) {
        return new SharedLoad((Publisher<?>) returned, true, maxElements, beforeSubscribers);
    }

    @Override
    public Object shared(CompletableFuture<?> load) {
        SharedLoad shared = (SharedLoad) load;
        return Flux.deferContextual(context -> {
            shared.start(context);
            Flux<Object> elements = Mono.fromFuture(shared, true).flatMapIterable(FluxResults::elements);
            return elements.onErrorResume(ResultTooLarge.class::isInstance, tooLarge -> sourceAgain(shared));
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Object> elements(Object list) {
        return (List<Object>) list;
    }

    /** @return the method's own sequence, run again for one subscriber: it was too long to store */
    @SuppressWarnings("unchecked")
    private static Flux<Object> sourceAgain(SharedLoad shared) {
        return Flux.from((org.reactivestreams.Publisher<Object>) shared.source);
    }

    @Override
    public void subscribe(Object publisher) {
        ((Flux<?>) publisher).subscribe(value -> { }, failure -> { });
    }

    @Override
    public Object invalidating(Object publisher, Runnable onSubscribe, Runnable onComplete) {
        return ((Flux<?>) publisher).doOnSubscribe(subscription -> onSubscribe.run()).doOnComplete(onComplete);
    }
}
