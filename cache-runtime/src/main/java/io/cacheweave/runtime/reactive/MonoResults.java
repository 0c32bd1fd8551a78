package io.cacheweave.runtime.reactive;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** {@link ReactiveResults} of methods returning {@code Mono<T>}: the cache stores {@code T}. */
final class MonoResults implements ReactiveResults {

    @Override
    public Object stored(Object value) {
        return value == null ? Mono.empty() : Mono.just(value);
    }

    @Override
    public CompletableFuture<Object> load(Object returned, int maxElements,
            BiConsumer<Object, Throwable> beforeSubscribers) {
        return new SharedLoad((Publisher<?>) returned, false, maxElements, beforeSubscribers);
    }

    @Override
    public Object shared(CompletableFuture<?> load) {
        SharedLoad shared = (SharedLoad) load;
        return Mono.deferContextual(context -> {
            shared.start(context);
            return Mono.fromFuture(shared, true); // true: a subscriber's cancel leaves the load running
        });
    }

    @Override
    public void subscribe(Object publisher) {
        ((Mono<?>) publisher).subscribe(value -> { }, failure -> { });
    }

    @Override
    public Object invalidating(Object publisher, Runnable onSubscribe, Runnable onComplete) {
        return ((Mono<?>) publisher).doOnSubscribe(subscription -> onSubscribe.run())
                .doOnSuccess(value -> onComplete.run());
    }
}
