package io.cacheweave.runtime.key;

/**
 * Writes one value to a {@link KeyWriter}. Generated key builders pass method references of their own render
 * methods to {@link KeyWriter#list}, {@link KeyWriter#set} and {@link KeyWriter#map}.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface Renderer<T> {

    /** Renders with {@link KeyWriter#value(Object)}: for types with no generated renderer. */
    Renderer<Object> DEFAULT = (out, value) -> out.value(value);

    /**
     * @param out the writer
     * @param value the value, possibly {@code null}
     */
    void render(KeyWriter out, T value);
}
