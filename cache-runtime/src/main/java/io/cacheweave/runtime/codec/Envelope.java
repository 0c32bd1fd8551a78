package io.cacheweave.runtime.codec;

import java.util.zip.CRC32C;

/** The fixed 12-byte header in front of every payload; the layout is documented on {@link JsonValueCodec}. */
final class Envelope {
    /** {@code E3 77}: never the start of UTF-8 text (E3 needs a continuation byte), so never bare JSON. */
    static final byte MAGIC_0 = (byte) 0xE3;
    static final byte MAGIC_1 = (byte) 0x77;
    static final byte VERSION = 1;
    static final int VERSION_OFFSET = 2;
    static final int FLAGS_OFFSET = 3;
    static final int LENGTH_OFFSET = 4;
    static final int CRC_OFFSET = 8;
    static final int HEADER_LENGTH = 12;

    private Envelope() {
    }

    static void writeHeader(byte[] out, Compression compression, int payloadLength, int crc) {
        out[0] = MAGIC_0;
        out[1] = MAGIC_1;
        out[VERSION_OFFSET] = VERSION;
        out[FLAGS_OFFSET] = (byte) compression.id();
        writeInt(out, LENGTH_OFFSET, payloadLength);
        writeInt(out, CRC_OFFSET, crc);
    }

    static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | bytes[offset + 3] & 0xFF;
    }

    private static void writeInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }
}
