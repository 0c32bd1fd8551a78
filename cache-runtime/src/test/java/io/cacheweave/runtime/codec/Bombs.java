package io.cacheweave.runtime.codec;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import net.jpountz.lz4.LZ4Factory;

/** Decompression bombs: small stored values whose payload decompresses to a very long JSON string. */
public final class Bombs {
    private static final int CHUNK = 1 << 20;

    private Bombs() {
    }

    /**
     * A zstd-compressed envelope (with the content size in the frame, as the codec writes it) around a JSON string
     * of {@code jsonBytes} bytes ({@code "aaa...a"}), made in 1 MiB chunks so the test never holds the payload.
     */
    public static byte[] zstd(int jsonBytes) {
        CRC32C crc = new CRC32C();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        try (ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(3).setContentSize(true)) {
            ctx.setPledgedSrcSize(jsonBytes);
            for (int offset = 0; offset < jsonBytes; offset += CHUNK) {
                byte[] chunk = chunk(offset, Math.min(CHUNK, jsonBytes - offset), jsonBytes);
                crc.update(chunk);
                ByteBuffer in = ByteBuffer.wrap(chunk);
                boolean last = offset + chunk.length == jsonBytes;
                boolean done;
                do {
                    done = ctx.compressByteBufferStream(out, in, last ? EndDirective.END : EndDirective.CONTINUE);
                    compressed.write(out.array(), 0, out.position());
                    out.clear();
                } while (in.hasRemaining() || last && !done);
            }
        }
        return CodecFixtures.envelope(2, jsonBytes, (int) crc.getValue(), compressed.toByteArray());
    }

    /** A deflate (zlib) envelope stating {@code statedLength} around a JSON string of {@code jsonBytes} bytes. */
    static byte[] deflate(int jsonBytes, int statedLength) {
        byte[] json = json(jsonBytes);
        Deflater deflater = new Deflater(9);
        deflater.setInput(json);
        deflater.finish();
        byte[] buffer = new byte[jsonBytes / 100 + 1024];
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(buffer, n, buffer.length - n);
        }
        deflater.end();
        return CodecFixtures.envelope(1, statedLength, CodecFixtures.crc32c(json), Arrays.copyOf(buffer, n));
    }

    /** An LZ4 block envelope stating {@code statedLength} around a JSON string of {@code jsonBytes} bytes. */
    static byte[] lz4(int jsonBytes, int statedLength) {
        byte[] json = json(jsonBytes);
        byte[] block = LZ4Factory.fastestInstance().fastCompressor().compress(json);
        return CodecFixtures.envelope(3, statedLength, CodecFixtures.crc32c(json), block);
    }

    /** A zstd envelope stating {@code statedLength} around a JSON string of {@code jsonBytes} bytes. */
    static byte[] zstd(int jsonBytes, int statedLength) {
        byte[] honest = zstd(jsonBytes);
        CodecFixtures.putInt(honest, 4, statedLength);
        return honest;
    }

    private static byte[] json(int jsonBytes) {
        return chunk(0, jsonBytes, jsonBytes);
    }

    private static byte[] chunk(int offset, int length, int total) {
        byte[] chunk = new byte[length];
        Arrays.fill(chunk, (byte) 'a');
        if (offset == 0) {
            chunk[0] = '"';
        }
        if (offset + length == total) {
            chunk[length - 1] = '"';
        }
        return chunk;
    }
}
