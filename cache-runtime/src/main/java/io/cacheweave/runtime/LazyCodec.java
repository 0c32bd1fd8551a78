package io.cacheweave.runtime;

import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.internal.Once;
import java.lang.reflect.Type;
import java.util.function.Supplier;

/**
 * The Redis tier's codec, built on first use: {@code JsonValueCodec} builds its Jackson mapper (about 500 classes)
 * and loads its compressor's native library when it is made, which the runtime's construction, and so a
 * short-lived application's first call, should not wait for. {@link SharedTiers} uses it in the background once the
 * Redis client has started ({@link #warmUp()}); a call that reaches Redis before that builds it itself.
 */
final class LazyCodec implements ValueCodec {
    private final Once<ValueCodec> codec;

    LazyCodec(Supplier<ValueCodec> factory) {
        this.codec = new Once<>(factory);
    }

    private ValueCodec codec() {
        return codec.get();
    }

    /** Builds the codec and encodes and decodes one value, so their one-time costs are paid now. */
    void warmUp() {
        ValueCodec c = codec();
        c.decode(c.encode(java.util.List.of("cacheweave", 1), java.util.List.class), java.util.List.class);
    }

    @Override
    public byte[] encode(Object value, Type type) {
        return codec().encode(value, type);
    }

    @Override
    public byte[] encode(Object value, Type type, Sizes sizes) {
        return codec().encode(value, type, sizes);
    }

    @Override
    public Object decode(byte[] bytes, Type type) {
        return codec().decode(bytes, type);
    }

    @Override
    public String toString() {
        ValueCodec c = codec.ifMade();
        return c == null ? "LazyCodec[not built yet]" : c.toString();
    }
}
