package io.cacheweave.runtime.codec;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 blocks through {@code at.yawk.lz4:lz4-java} (JNI where it loads, else pure Java). Only loaded after
 * {@link Compressor#create} found the library. Decompression uses the safe decompressor only: the stored bytes are
 * not trusted. A block does not know its end, so a truncated block shows as corrupt.
 */
final class Lz4Compressor extends Compressor {
    /** LZ4's best case: one length byte per 255 bytes of match. */
    private static final long MAX_EXPANSION = 255;

    private final LZ4Compressor compressor;
    private final LZ4SafeDecompressor decompressor;

    Lz4Compressor(int level) {
        super(Compression.LZ4, MAX_EXPANSION);
        LZ4Factory factory = LZ4Factory.fastestInstance();
        this.compressor = level == 1 ? factory.fastCompressor() : factory.highCompressor(level);
        this.decompressor = factory.safeDecompressor();
    }

    @Override
    int compress(byte[] src, int length, byte[] dst, int offset, int capacity) {
        try {
            return compressor.compress(src, 0, length, dst, offset, capacity);
        } catch (LZ4Exception e) {
            return -1; // the only failure of a compressor: the output did not fit
        }
    }

    @Override
    byte[] decompressChecked(byte[] src, int offset, int length, int declaredLength) {
        byte[] out = new byte[declaredLength];
        int written;
        try {
            written = decompressor.decompress(src, offset, length, out, 0, declaredLength);
        } catch (LZ4Exception e) {
            throw corrupt(e.getMessage(), e);
        }
        if (written != declaredLength) {
            throw lengthMismatch(written, declaredLength);
        }
        return out;
    }
}
