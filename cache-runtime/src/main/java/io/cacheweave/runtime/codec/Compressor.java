package io.cacheweave.runtime.codec;

import io.cacheweave.runtime.codec.CodecException.Reason;

/**
 * One compression algorithm at one level: compresses payloads for {@link JsonValueCodec} and decompresses them,
 * never trusting the stored length further than the compressed bytes can back it. Thread-safe.
 */
abstract class Compressor {
    private final Compression algorithm;
    private final long maxExpansion;

    /** @param maxExpansion the most output one byte of compressed input can produce in this format */
    Compressor(Compression algorithm, long maxExpansion) {
        this.algorithm = algorithm;
        this.maxExpansion = maxExpansion;
    }

    /**
     * @param algorithm any algorithm but {@link Compression#NONE}
     * @param level within the algorithm's range
     * @throws IllegalStateException naming the dependency to add when the algorithm's library is missing or its
     *     native part does not load
     */
    static Compressor create(Compression algorithm, int level) {
        requireLibrary(algorithm);
        try {
            return switch (algorithm) {
                case DEFLATE -> new DeflateCompressor(level);
                case ZSTD -> new ZstdCompressor(level);
                case LZ4 -> new Lz4Compressor(level);
                case NONE -> throw new IllegalArgumentException("no compressor for none");
            };
        } catch (LinkageError | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalStateException(algorithm + " compression needs " + algorithm.dependency()
                    + " with a native library for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ", which failed to load: " + e, e);
        }
    }

    private static void requireLibrary(Compression algorithm) {
        if (algorithm.probeClass() == null) {
            return;
        }
        try {
            Class.forName(algorithm.probeClass(), false, Compressor.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(algorithm + " compression needs " + algorithm.dependency()
                    + " on the class path; add it to the application's dependencies (or choose another compression)",
                    e);
        }
    }

    final Compression algorithm() {
        return algorithm;
    }

    /**
     * Compresses {@code src[0, length)} into {@code dst[offset, offset + capacity)}.
     *
     * @return the compressed size, or {@code -1} when it would need more than {@code capacity} bytes
     */
    abstract int compress(byte[] src, int length, byte[] dst, int offset, int capacity);

    /**
     * @param declaredLength the uncompressed length the envelope states, from 0 to the codec's maximum
     * @return exactly {@code declaredLength} bytes
     * @throws CodecException {@link Reason#TRUNCATED} when the compressed data ends early (where the format can
     *     tell), {@link Reason#CHECKSUM} when it is corrupt or decompresses to another length
     */
    final byte[] decompress(byte[] src, int offset, int length, int declaredLength) {
        if (declaredLength > (long) length * maxExpansion + 1024) {
            throw corrupt("the envelope says " + declaredLength + " bytes, more than " + length + " bytes of "
                    + algorithm + " data can hold");
        }
        return decompressChecked(src, offset, length, declaredLength);
    }

    /** {@link #decompress} after the length passed the format's expansion bound. */
    abstract byte[] decompressChecked(byte[] src, int offset, int length, int declaredLength);

    final CodecException corrupt(String what) {
        return new CodecException(Reason.CHECKSUM, "corrupt " + algorithm + " payload: " + what, null);
    }

    final CodecException corrupt(String what, Throwable cause) {
        return new CodecException(Reason.CHECKSUM, "corrupt " + algorithm + " payload: " + what, cause);
    }

    final CodecException truncated() {
        return new CodecException(Reason.TRUNCATED, "truncated " + algorithm + " payload", null);
    }

    final CodecException lengthMismatch(int actual, int declared) {
        return corrupt("decompresses to " + actual + " bytes, the envelope says " + declared);
    }
}
