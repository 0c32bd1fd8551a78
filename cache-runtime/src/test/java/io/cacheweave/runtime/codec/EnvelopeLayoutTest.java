package io.cacheweave.runtime.codec;

import static io.cacheweave.runtime.codec.CodecFixtures.crc32c;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bytes are exactly as the {@link JsonValueCodec} javadoc documents them: other tools may read them. */
class EnvelopeLayoutTest {

    @Test
    void encode_smallValue_documentedBytes() {
        byte[] encoded = JsonValueCodec.create().encode("hi", String.class);
        byte[] payload = "\"hi\"".getBytes(StandardCharsets.UTF_8);
        byte[] expected = ByteBuffer.allocate(16)
                .put((byte) 0xE3).put((byte) 0x77) // magic
                .put((byte) 1) // version
                .put((byte) 0) // flags: not compressed
                .putInt(4) // uncompressed length, big-endian
                .putInt(crc32c(payload)) // CRC32C of the payload
                .put(payload)
                .array();
        assertArrayEquals(expected, encoded);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void encode_compressedValue_headerDescribesUncompressedPayload(Compression algorithm) {
        String text = "all work and no play makes a dull cache ".repeat(100);
        byte[] encoded = JsonValueCodec.builder().compression(algorithm).build().encode(text, String.class);
        byte[] payload = ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.wrap(encoded, 0, 12);
        assertEquals((short) 0xE377, header.getShort());
        assertEquals(1, header.get());
        assertEquals(algorithm.id(), header.get());
        assertEquals(payload.length, header.getInt());
        assertEquals(crc32c(payload), header.getInt());
        byte[] magic = Arrays.copyOfRange(encoded, 12, 16);
        if (algorithm == Compression.ZSTD) {
            assertArrayEquals(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}, magic, "a standard zstd frame");
        } else if (algorithm == Compression.DEFLATE) {
            assertEquals(0x78, magic[0], "a zlib stream");
        }
    }

    @Test
    void payloadLength_readsHeaderOnly() {
        String text = "all work and no play makes a dull cache ".repeat(100);
        byte[] compressed = JsonValueCodec.create().encode(text, String.class);
        assertEquals(text.length() + 2, JsonValueCodec.payloadLength(compressed));
        assertEquals(4, JsonValueCodec.payloadLength(JsonValueCodec.create().encode("hi", String.class)));
        assertEquals(-1, JsonValueCodec.payloadLength(null));
        assertEquals(-1, JsonValueCodec.payloadLength(Arrays.copyOf(compressed, 11)));
        byte[] otherVersion = compressed.clone();
        otherVersion[2] = 2;
        assertEquals(-1, JsonValueCodec.payloadLength(otherVersion));
        assertEquals(-1, JsonValueCodec.payloadLength("{\"a\":1234567890}".getBytes(StandardCharsets.UTF_8)));
    }
}
