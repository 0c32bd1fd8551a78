package io.cacheweave.runtime.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.util.Native;

/**
 * Zstandard frames through {@code com.github.luben:zstd-jni}. Only loaded after {@link Compressor#create} found the
 * library on the class path; the constructor loads the native library, so a platform without one fails there.
 */
final class ZstdCompressor extends Compressor {
    /** Zstandard's best case: a 128 KiB RLE block in 4 bytes, 32768:1. */
    private static final long MAX_EXPANSION = 32768;
    /** {@code ZSTD_FRAMEHEADERSIZE_MAX}: fewer bytes may be a frame header cut short. */
    private static final int MAX_FRAME_HEADER = 18;

    private final Pool<ZstdCompressCtx> compressors;
    private final Pool<ZstdDecompressCtx> decompressors;

    ZstdCompressor(int level) {
        super(Compression.ZSTD, MAX_EXPANSION);
        Native.load();
        this.compressors = new Pool<>(() -> new ZstdCompressCtx().setLevel(level), ZstdCompressCtx::close);
        this.decompressors = new Pool<>(ZstdDecompressCtx::new, ZstdDecompressCtx::close);
    }

    @Override
    int compress(byte[] src, int length, byte[] dst, int offset, int capacity) {
        ZstdCompressCtx ctx = compressors.take();
        boolean reusable = false;
        try {
            int written = ctx.compressByteArray(dst, offset, capacity, src, 0, length);
            reusable = true;
            return written;
        } catch (ZstdException e) {
            if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
                return -1;
            }
            throw e;
        } finally {
            if (reusable) {
                compressors.give(ctx);
            } else {
                compressors.discard(ctx);
            }
        }
    }

    @Override
    byte[] decompressChecked(byte[] src, int offset, int length, int declaredLength) {
        // The frame header repeats the length: two fields must agree before anything is allocated.
        long frameLength = Zstd.getFrameContentSize(src, offset, length);
        if (frameLength != declaredLength) {
            if (frameLength < 0 && length < MAX_FRAME_HEADER) {
                throw truncated();
            }
            throw frameLength < 0
                    ? corrupt("no valid frame header")
                    : corrupt("the frame says " + frameLength + " bytes, the envelope " + declaredLength);
        }
        byte[] out = new byte[declaredLength];
        ZstdDecompressCtx ctx = decompressors.take();
        boolean reusable = false;
        try {
            int written = ctx.decompressByteArray(out, 0, declaredLength, src, offset, length);
            if (written != declaredLength) {
                throw lengthMismatch(written, declaredLength);
            }
            reusable = true;
            return out;
        } catch (ZstdException e) {
            if (e.getErrorCode() == Zstd.errSrcSizeWrong()) {
                throw truncated();
            }
            throw corrupt(e.getMessage(), e);
        } finally {
            if (reusable) {
                decompressors.give(ctx);
            } else {
                decompressors.discard(ctx);
            }
        }
    }
}
