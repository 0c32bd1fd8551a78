package io.cacheweave.runtime.reactive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One load of a {@code Mono} or {@code Flux} shared by every caller of its key: the method's publisher is
 * subscribed to once, by the first subscriber of any caller's publisher and with that subscriber's context, and
 * never cancelled by a subscriber (the others still wait for it). Completes with the value, the list of elements,
 * the error, or {@link ResultTooLarge}.
 */
final class SharedLoad extends CompletableFuture<Object> {
    private static final org.slf4j.Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(SharedLoad.class);

    final Publisher<?> source;
    private final boolean many;
    private final int maxElements;
    private final BiConsumer<Object, Throwable> beforeSubscribers;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    SharedLoad(Publisher<?> source, boolean many, int maxElements, BiConsumer<Object, Throwable> beforeSubscribers) {
        this.source = source;
        this.many = many;
        this.maxElements = maxElements;
        this.beforeSubscribers = beforeSubscribers;
    }

    /** Ends the load: hands the outcome to the cache first (so it is stored before any subscriber sees it). */
    private void end(Object value, Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            beforeSubscribers.accept(value, failure);
        } catch (Throwable t) { // the cache's store never throws; should it, the subscribers still get the outcome
            LOG.warn("cacheweave: storing a reactive result failed", t);
        }
        if (failure == null) {
            complete(value);
        } else {
            completeExceptionally(failure);
        }
    }

    /** Subscribes to the method's publisher, once. */
    void start(ContextView context) {
        if (started.compareAndSet(false, true)) {
            try {
                source.subscribe(new Collecting(Context.of(context)));
            } catch (Throwable t) { // a publisher that throws instead of signalling the error
                end(null, t);
            }
        }
    }

    /** Collects what the method's publisher signals, up to the bound, and completes the load with it. */
    private final class Collecting extends BaseSubscriber<Object> {
        private final Context context;
        private final List<Object> elements = new ArrayList<>();

        Collecting(Context context) {
            this.context = context;
        }

        @Override
        public Context currentContext() {
            return context;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        protected void hookOnNext(Object value) {
            if (!many) {
                end(value, null);
            } else if (elements.size() < maxElements) {
                elements.add(value);
            } else {
                elements.clear();
                cancel();
                end(null, ResultTooLarge.INSTANCE);
            }
        }

        @Override
        protected void hookOnComplete() {
            end(many ? Collections.unmodifiableList(elements) : null, null); // no effect after a Mono's value
        }

        @Override
        protected void hookOnError(Throwable failure) {
            end(null, failure);
        }
    }
}
