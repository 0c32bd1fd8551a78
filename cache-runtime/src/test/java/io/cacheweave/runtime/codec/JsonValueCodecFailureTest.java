package io.cacheweave.runtime.codec;

import static io.cacheweave.runtime.codec.CodecFixtures.SUMMARY_LIST;
import static io.cacheweave.runtime.codec.CodecFixtures.crc32c;
import static io.cacheweave.runtime.codec.CodecFixtures.envelope;
import static io.cacheweave.runtime.codec.CodecFixtures.putInt;
import static io.cacheweave.runtime.codec.CodecFixtures.reason;
import static io.cacheweave.runtime.codec.CodecFixtures.summary;
import static io.cacheweave.runtime.codec.CodecFixtures.summaryOfAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cacheweave.runtime.codec.CodecException.Reason;
import io.cacheweave.runtime.codec.CodecFixtures.Score;
import io.cacheweave.runtime.codec.CodecFixtures.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way decoding and encoding fail: always a {@link CodecException} with the documented reason. */
class JsonValueCodecFailureTest {
    private final JsonValueCodec codec = JsonValueCodec.create();

    @Test
    void decode_everyPrefixOfSmallValue_truncated() {
        byte[] encoded = codec.encode(summary(1), Summary.class);
        assertEquals(0, encoded[3], "small: uncompressed");
        for (int length = 0; length < encoded.length; length++) {
            byte[] prefix = Arrays.copyOf(encoded, length);
            assertEquals(Reason.TRUNCATED, reason(() -> codec.decode(prefix, Summary.class)), "prefix " + length);
        }
        assertEquals(summary(1), codec.decode(encoded, Summary.class));
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decode_everyPrefixOfCompressedValue_fails(Compression algorithm) {
        JsonValueCodec compressing = JsonValueCodec.builder().compression(algorithm).threshold(0).build();
        byte[] encoded = compressing.encode(summaryOfAbout(600), Summary.class);
        assertEquals(algorithm.id(), encoded[3]);
        for (int length = 0; length < encoded.length; length++) {
            byte[] prefix = Arrays.copyOf(encoded, length);
            Reason reason = reason(() -> compressing.decode(prefix, Summary.class));
            // An LZ4 block does not know where it ends: cut short, it reads as corrupt.
            Set<Reason> expected = length <= 12 || algorithm != Compression.LZ4
                    ? EnumSet.of(Reason.TRUNCATED) : EnumSet.of(Reason.TRUNCATED, Reason.CHECKSUM);
            assertTrue(expected.contains(reason), algorithm + " prefix " + length + ": " + reason);
        }
    }

    @Test
    void decode_nullOrEmpty_truncated() {
        assertEquals(Reason.TRUNCATED, reason(() -> codec.decode(null, Summary.class)));
        assertEquals(Reason.TRUNCATED, reason(() -> codec.decode(new byte[0], Summary.class)));
    }

    @Test
    void decode_lengthBeyondBytes_truncated() {
        byte[] encoded = codec.encode("text", String.class);
        putInt(encoded, 4, 1000);
        assertEquals(Reason.TRUNCATED, reason(() -> codec.decode(encoded, String.class)));
        putInt(encoded, 4, codec.maxDecodedBytes());
        assertEquals(Reason.TRUNCATED, reason(() -> codec.decode(encoded, String.class)));
        putInt(encoded, 4, Integer.MAX_VALUE);
        assertEquals(Reason.TOO_LARGE, reason(() -> codec.decode(encoded, String.class)), "beyond the maximum");
        putInt(encoded, 4, -1);
        assertEquals(Reason.TOO_LARGE, reason(() -> codec.decode(encoded, String.class)), "beyond the maximum");
    }

    @Test
    void decode_bytesAfterPayload_checksum() {
        byte[] encoded = codec.encode("text", String.class);
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertEquals(Reason.CHECKSUM, reason(() -> codec.decode(longer, String.class)));
    }

    @Test
    void decode_flippedPayloadBit_checksum() {
        byte[] encoded = codec.encode(summary(1), Summary.class);
        for (int i = 12; i < encoded.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = encoded.clone();
                flipped[i] ^= (byte) (1 << bit);
                assertEquals(Reason.CHECKSUM, reason(() -> codec.decode(flipped, Summary.class)), "byte " + i);
            }
        }
    }

    @Test
    void decode_wrongChecksumField_checksum() {
        byte[] encoded = codec.encode(summary(1), Summary.class);
        encoded[9] ^= 1;
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(encoded, Summary.class));
        assertEquals(Reason.CHECKSUM, e.reason());
        assertTrue(e.getMessage().startsWith("CRC32C of the payload is "), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decode_corruptCompressedPayload_checksumOrTruncated(Compression algorithm) {
        JsonValueCodec compressing = JsonValueCodec.builder().compression(algorithm).build();
        byte[] encoded = compressing.encode(summaryOfAbout(5000), Summary.class);
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] corrupt = encoded.clone();
            int at = 12 + random.nextInt(corrupt.length - 12);
            corrupt[at] ^= (byte) (1 + random.nextInt(255));
            Reason reason = reason(() -> compressing.decode(corrupt, Summary.class));
            assertTrue(reason == Reason.CHECKSUM || reason == Reason.TRUNCATED, algorithm + " at " + at + ": "
                    + reason);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decode_compressedLengthOffByOne_checksum(Compression algorithm) {
        JsonValueCodec compressing = JsonValueCodec.builder().compression(algorithm).build();
        byte[] encoded = compressing.encode(summaryOfAbout(5000), Summary.class);
        int length = CodecFixturesAccess.readInt(encoded, 4);
        for (int wrong : new int[] {length - 1, length + 1, 0}) {
            byte[] changed = encoded.clone();
            putInt(changed, 4, wrong);
            assertEquals(Reason.CHECKSUM, reason(() -> compressing.decode(changed, Summary.class)),
                    algorithm + " length " + wrong);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void decode_hugeCompressedLength_tooLargeWithoutAllocating(Compression algorithm) {
        JsonValueCodec compressing = JsonValueCodec.builder().compression(algorithm).build();
        byte[] encoded = compressing.encode(summaryOfAbout(5000), Summary.class);
        for (int huge : new int[] {-1, Integer.MAX_VALUE, JsonValueCodec.MAX_PAYLOAD_BYTES + 1,
                JsonValueCodec.MAX_PAYLOAD_BYTES, 100 << 20}) {
            byte[] changed = encoded.clone();
            putInt(changed, 4, huge);
            long before = usedHeap();
            assertEquals(Reason.TOO_LARGE, reason(() -> compressing.decode(changed, Summary.class)),
                    algorithm + " length " + huge);
            assertTrue(usedHeap() - before < 32 << 20, "no large allocation for length " + huge);
        }
    }

    @Test
    void decode_deflateClaimingMaximumLength_allocatesOnlyWhatItProduces() {
        // 300 KB of deflate data could in principle hold 256 MiB, so the length passes the expansion bound;
        // the output still grows only as far as the stream really goes.
        JsonValueCodec deflate = JsonValueCodec.builder().compression(Compression.DEFLATE)
                .maxDecodedBytes(JsonValueCodec.MAX_PAYLOAD_BYTES).build();
        String text = CodecFixtures.randomText(300_000, 3);
        byte[] encoded = deflate.encode(text, String.class);
        assertEquals(1, encoded[3]);
        putInt(encoded, 4, JsonValueCodec.MAX_PAYLOAD_BYTES);
        assertEquals(Reason.CHECKSUM, reason(() -> deflate.decode(encoded, String.class)));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void decode_otherVersion_version() {
        byte[] encoded = codec.encode(summary(1), Summary.class);
        for (int version : new int[] {0, 2, 255}) {
            byte[] other = encoded.clone();
            other[2] = (byte) version;
            assertEquals(Reason.VERSION, reason(() -> codec.decode(other, Summary.class)), "version " + version);
            byte[] shortOther = Arrays.copyOf(other, 3);
            assertEquals(Reason.VERSION, reason(() -> codec.decode(shortOther, Summary.class)),
                    "a short value of another version is not truncated");
        }
    }

    @Test
    void decode_noEnvelope_version() {
        byte[] json = "{\"title\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(json, Summary.class));
        assertEquals(Reason.VERSION, e.reason());
        assertEquals("not an encoded value: no envelope (starts with 7b 22)", e.getMessage());
        assertEquals(Reason.VERSION, reason(() -> codec.decode(new byte[] {(byte) 0xE3, 0x78}, Summary.class)));
        assertEquals(Reason.VERSION, reason(() -> codec.decode(new byte[] {0x00}, Summary.class)));
    }

    @Test
    void decode_unknownCompressionId_unknownCompression() {
        byte[] encoded = codec.encode(summary(1), Summary.class);
        for (int id = 4; id < 256; id++) {
            byte[] other = encoded.clone();
            other[3] = (byte) id;
            assertEquals(Reason.UNKNOWN_COMPRESSION, reason(() -> codec.decode(other, Summary.class)), "id " + id);
            byte[] shortOther = Arrays.copyOf(other, 4);
            assertEquals(Reason.UNKNOWN_COMPRESSION, reason(() -> codec.decode(shortOther, Summary.class)));
        }
    }

    @Test
    void decode_payloadOfAnotherType_undecodable() {
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(codec.encode("text", String.class),
                Summary.class)));
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(codec.encode(List.of(summary(1)), SUMMARY_LIST),
                Summary.class)));
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(codec.encode(summary(1), Summary.class),
                SUMMARY_LIST)));
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(codec.encode("12x", String.class),
                Long.class)));
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(codec.encode(summary(1), Summary.class),
                int[].class)));
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(envelope("{\"label\":\"x\",\"value\":\"high\"}"),
                Score.class)));
    }

    @Test
    void decode_invalidJson_undecodable() {
        for (String json : List.of("", "{", "{\"title\":", "nul", "[1,2", "{\"title\":\"x\"} {}", "1 2", "\"\\u12\"",
                "{\"title\":\"x\",}", "\u0000", "[".repeat(2000) + "]".repeat(2000))) {
            assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(envelope(json), Summary.class)), json);
        }
        byte[] notUtf8 = {(byte) 0x22, (byte) 0xC3, (byte) 0x28, (byte) 0x22};
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(envelope(0, 4, crc32c(notUtf8), notUtf8),
                String.class)));
    }

    @Test
    void decode_jsonNull_undecodable() {
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(envelope("null"), Summary.class)));
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(envelope("null"), Object.class)));
    }

    @Test
    void decode_nullType_undecodable() {
        assertEquals(Reason.UNDECODABLE, reason(() -> codec.decode(codec.encode("x", String.class), null)));
    }

    @Test
    void decode_randomBytes_onlyCodecException() {
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length >= 4) {
                bytes[0] = (byte) 0xE3;
                bytes[1] = 0x77;
                bytes[2] = 1;
                bytes[3] = (byte) random.nextInt(5);
            }
            decodeOnlyFailsWithCodecException(codec, bytes);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void decode_mutatedValues_onlyCodecException(Compression algorithm) {
        JsonValueCodec any = JsonValueCodec.builder().compression(algorithm).threshold(64).build();
        byte[] encoded = any.encode(List.of(summary(1), summary(2), summaryOfAbout(300)), SUMMARY_LIST);
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = encoded.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 8));
            }
            decodeOnlyFailsWithCodecException(any, bytes);
        }
    }

    private static void decodeOnlyFailsWithCodecException(JsonValueCodec codec, byte[] bytes) {
        for (java.lang.reflect.Type type : List.of(SUMMARY_LIST, Object.class, String.class)) {
            try {
                codec.decode(bytes, type);
            } catch (CodecException expected) {
                // the only exception allowed
            } catch (Throwable e) {
                fail("decoding " + Arrays.toString(bytes) + " as " + type + " threw " + e, e);
            }
        }
    }

    static final class NoProperties {
    }

    static final class ThrowingGetter {
        public String getValue() {
            throw new IllegalStateException("broken getter");
        }
    }

    record Node(String name, List<Object> children) {
    }

    @Test
    void encode_null_unencodable() {
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(null, Summary.class)));
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode("x", null)));
    }

    @Test
    void encode_valueNotOfDeclaredType_unencodable() {
        CodecException e = assertThrows(CodecException.class, () -> codec.encode("text", Summary.class));
        assertEquals(Reason.UNENCODABLE, e.reason());
        assertEquals("value of java.lang.String is not a " + Summary.class.getTypeName(), e.getMessage());
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(Map.of(), SUMMARY_LIST)));
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(1L, int.class)));
    }

    @Test
    void encode_whatJacksonCannotWrite_unencodable() {
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(new NoProperties(), NoProperties.class)));
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(new ThrowingGetter(), ThrowingGetter.class)));
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(new Object(), Object.class)));
    }

    @Test
    void encode_cycle_unencodable() {
        List<Object> children = new ArrayList<>();
        Node node = new Node("root", children);
        children.add(node);
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(node, Node.class)));
    }

    @Test
    void encode_deeperThanDecodable_unencodable() {
        Object nested = "leaf";
        for (int i = 0; i < 1500; i++) {
            nested = List.of(nested);
        }
        Object deep = nested;
        assertEquals(Reason.UNENCODABLE, reason(() -> codec.encode(deep, Object.class)));
        Object fine = "leaf";
        for (int i = 0; i < 900; i++) {
            fine = List.of(fine);
        }
        assertEquals(fine, codec.decode(codec.encode(fine, Object.class), Object.class));
    }
}
