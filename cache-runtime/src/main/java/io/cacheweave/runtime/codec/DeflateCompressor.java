package io.cacheweave.runtime.codec;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib streams (RFC 1950) through {@code java.util.zip}: needs no library. */
final class DeflateCompressor extends Compressor {
    /** Deflate's best case: a 258-byte match in two bits, about 1032:1. */
    private static final long MAX_EXPANSION = 1032;

    private final Pool<Deflater> deflaters;
    private final Pool<Inflater> inflaters;

    DeflateCompressor(int level) {
        super(Compression.DEFLATE, MAX_EXPANSION);
        this.deflaters = new Pool<>(() -> new Deflater(level), Deflater::end);
        this.inflaters = new Pool<>(Inflater::new, Inflater::end);
    }

    @Override
    int compress(byte[] src, int length, byte[] dst, int offset, int capacity) {
        Deflater deflater = deflaters.take();
        try {
            deflater.setInput(src, 0, length);
            deflater.finish();
            int written = 0;
            while (!deflater.finished()) {
                if (written == capacity) {
                    return -1;
                }
                written += deflater.deflate(dst, offset + written, capacity - written);
            }
            return written;
        } finally {
            deflater.reset();
            deflaters.give(deflater);
        }
    }

    @Override
    byte[] decompressChecked(byte[] src, int offset, int length, int declaredLength) {
        Inflater inflater = inflaters.take();
        boolean reusable = false;
        try {
            inflater.setInput(src, offset, length);
            // Grown as output arrives, so a corrupt length allocates no more than the data really produces.
            byte[] out = new byte[(int) Math.min(declaredLength, Math.max(64 * 1024, 4L * length))];
            int written = 0;
            while (!inflater.finished()) {
                if (written == out.length) {
                    if (written == declaredLength) {
                        // Output is full: the stream must end here, without producing more.
                        if (inflater.inflate(new byte[1]) > 0) {
                            throw corrupt("decompresses to more than the " + declaredLength
                                    + " bytes the envelope says");
                        }
                        if (!inflater.finished()) {
                            throw inflater.needsInput() ? truncated() : corrupt("the stream does not end");
                        }
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(declaredLength, 2L * out.length));
                }
                int n = inflater.inflate(out, written, out.length - written);
                written += n;
                if (n == 0 && !inflater.finished() && written < out.length) {
                    throw inflater.needsInput() ? truncated() : corrupt("the stream asks for a preset dictionary");
                }
            }
            if (written != declaredLength) {
                throw lengthMismatch(written, declaredLength);
            }
            if (inflater.getRemaining() > 0) {
                throw corrupt(inflater.getRemaining() + " bytes after the end of the stream");
            }
            reusable = true;
            return out;
        } catch (DataFormatException e) {
            throw corrupt(String.valueOf(e.getMessage()), e);
        } finally {
            if (reusable) {
                inflater.reset();
                inflaters.give(inflater);
            } else {
                inflaters.discard(inflater);
            }
        }
    }
}
