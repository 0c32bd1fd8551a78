package io.cacheweave.runtime.codec;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A few idle native compression contexts ({@code Deflater}, zstd contexts) to reuse: creating one allocates native
 * memory and costs more than compressing a small value. Bounded rather than per thread, so many (virtual) threads
 * do not pin one context each; when it is full a returned context is closed.
 */
final class Pool<T> {
    private final ArrayBlockingQueue<T> idle;
    private final Supplier<T> factory;
    private final Consumer<T> close;

    Pool(Supplier<T> factory, Consumer<T> close) {
        this.idle = new ArrayBlockingQueue<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        this.factory = factory;
        this.close = close;
    }

    T take() {
        T item = idle.poll();
        return item != null ? item : factory.get();
    }

    /** @param item a context reset to its initial state */
    void give(T item) {
        if (!idle.offer(item)) {
            close.accept(item);
        }
    }

    /** @param item a context that failed and may be in any state */
    void discard(T item) {
        close.accept(item);
    }
}
