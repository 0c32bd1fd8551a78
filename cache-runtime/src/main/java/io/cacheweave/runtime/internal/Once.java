package io.cacheweave.runtime.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made by its supplier on first use, once, however many threads ask for it at the same time; later reads are
 * one volatile read. For what is costly to make and may never be needed.
 *
 * @param <T> the value's type
 */
public final class Once<T> implements Supplier<T> {
    private final Supplier<? extends T> make;
    private volatile T value;

    /** @param make makes the value; called at most once unless it throws (then the next {@link #get()} tries again) */
    public Once(Supplier<? extends T> make) {
        this.make = Objects.requireNonNull(make, "make must not be null");
    }

    /** @return the value if it has been made, else {@code null}; never makes it */
    public T ifMade() {
        return value;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = make.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
