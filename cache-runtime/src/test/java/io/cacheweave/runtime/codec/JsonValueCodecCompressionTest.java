package io.cacheweave.runtime.codec;

import static io.cacheweave.runtime.codec.CodecFixtures.randomText;
import static io.cacheweave.runtime.codec.CodecFixtures.summaryOfAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.codec.CodecFixtures.Summary;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JsonValueCodecCompressionTest {

    private static int flags(byte[] encoded) {
        return encoded[3] & 0xFF;
    }

    /** A string whose JSON payload is exactly {@code payloadBytes} long (two quotes around the text). */
    private static String textWithPayload(int payloadBytes) {
        return "a".repeat(payloadBytes - 2);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void encode_payloadAtThreshold_uncompressed(Compression algorithm) {
        JsonValueCodec codec = JsonValueCodec.builder().compression(algorithm).threshold(100).build();
        byte[] encoded = codec.encode(textWithPayload(100), String.class);
        assertEquals(0, flags(encoded));
        assertEquals(12 + 100, encoded.length);
        assertEquals(textWithPayload(100), codec.decode(encoded, String.class));
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void encode_payloadOneAboveThreshold_compressed(Compression algorithm) {
        JsonValueCodec codec = JsonValueCodec.builder().compression(algorithm).threshold(100).build();
        byte[] encoded = codec.encode(textWithPayload(101), String.class);
        assertEquals(algorithm.id(), flags(encoded));
        assertTrue(encoded.length < 12 + 101, "compressed: " + encoded.length);
        assertEquals(textWithPayload(101), codec.decode(encoded, String.class));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void encode_defaultThreshold_boundary(Compression algorithm) {
        JsonValueCodec codec = JsonValueCodec.builder().compression(algorithm).build();
        assertEquals(JsonValueCodec.DEFAULT_THRESHOLD, codec.threshold());
        assertEquals(0, flags(codec.encode(textWithPayload(1024), String.class)));
        assertEquals(algorithm.id(), flags(codec.encode(textWithPayload(1025), String.class)));
    }

    @Test
    void encode_noneAlgorithm_neverCompresses() {
        JsonValueCodec codec = JsonValueCodec.builder().compression(Compression.NONE).threshold(0).build();
        byte[] encoded = codec.encode(textWithPayload(100_000), String.class);
        assertEquals(0, flags(encoded));
        assertEquals(12 + 100_000, encoded.length);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void encode_incompressiblePayload_storedAsIs(Compression algorithm) {
        JsonValueCodec codec = JsonValueCodec.builder().compression(algorithm).threshold(0).build();
        String text = randomText(64, 7);
        byte[] encoded = codec.encode(text, String.class);
        assertEquals(0, flags(encoded), "compression that saves nothing is not kept");
        assertEquals(12 + 66, encoded.length);
        assertEquals(text, codec.decode(encoded, String.class));
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void encode_everyLevel_roundTrips(Compression algorithm) {
        Summary value = summaryOfAbout(16 * 1024);
        for (int level = algorithm.minLevel(); level <= algorithm.maxLevel(); level++) {
            JsonValueCodec codec = JsonValueCodec.builder().compression(algorithm, level).build();
            byte[] encoded = codec.encode(value, Summary.class);
            assertEquals(algorithm.id(), flags(encoded), algorithm + " level " + level);
            assertTrue(encoded.length < 16 * 1024 / 2, algorithm + " level " + level + ": " + encoded.length);
            assertEquals(value, codec.decode(encoded, Summary.class), algorithm + " level " + level);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void encode_largeValue_roundTrips(Compression algorithm) {
        JsonValueCodec codec = JsonValueCodec.builder().compression(algorithm).build();
        Summary value = summaryOfAbout(4 << 20);
        byte[] encoded = codec.encode(value, Summary.class);
        assertEquals(algorithm.id(), flags(encoded));
        assertEquals(value, codec.decode(encoded, Summary.class));
    }

    @Test
    void decode_anyAlgorithm_whateverTheCodecWrites() {
        Summary value = summaryOfAbout(5000);
        for (Compression writer : Compression.values()) {
            byte[] encoded = JsonValueCodec.builder().compression(writer).build().encode(value, Summary.class);
            for (Compression reader : Compression.values()) {
                JsonValueCodec codec = JsonValueCodec.builder().compression(reader).build();
                assertEquals(value, codec.decode(encoded, Summary.class), writer + " read by " + reader);
            }
        }
    }

    @Test
    void create_defaults() {
        JsonValueCodec codec = JsonValueCodec.create();
        assertEquals(JsonValueCodec.DEFAULT_ALGORITHM, codec.compression());
        assertEquals(JsonValueCodec.DEFAULT_LEVEL, codec.level());
        assertEquals(JsonValueCodec.DEFAULT_THRESHOLD, codec.threshold());
        assertEquals(Compression.ZSTD, JsonValueCodec.DEFAULT_ALGORITHM);
        assertEquals(JsonValueCodec.DEFAULT_ALGORITHM.defaultLevel(), JsonValueCodec.DEFAULT_LEVEL);
        assertEquals("JsonValueCodec[zstd level 3 above 1024 bytes, at most 16777216 bytes decoded]", codec.toString());
    }

    @Test
    void compression_levelOutOfRange_rejected() {
        JsonValueCodec.Builder builder = JsonValueCodec.builder();
        assertEquals("deflate level must be from 1 to 9: 10", assertThrows(IllegalArgumentException.class,
                () -> builder.compression(Compression.DEFLATE, 10)).getMessage());
        assertEquals("zstd level must be from 1 to 22: 0", assertThrows(IllegalArgumentException.class,
                () -> builder.compression(Compression.ZSTD, 0)).getMessage());
        assertEquals("lz4 level must be from 1 to 17: 18", assertThrows(IllegalArgumentException.class,
                () -> builder.compression(Compression.LZ4, 18)).getMessage());
        assertEquals("none level must be from 0 to 0: 1", assertThrows(IllegalArgumentException.class,
                () -> builder.compression(Compression.NONE, 1)).getMessage());
        assertThrows(NullPointerException.class, () -> builder.compression(null));
        assertEquals(JsonValueCodec.DEFAULT_ALGORITHM, builder.build().compression(), "failed calls change nothing");
    }

    @Test
    void threshold_negative_rejected() {
        assertEquals("compression threshold must not be negative: -1", assertThrows(IllegalArgumentException.class,
                () -> JsonValueCodec.builder().threshold(-1)).getMessage());
    }

    @Test
    void compressionOf_names() {
        for (Compression c : Compression.values()) {
            assertEquals(c, Compression.of(c.toString()));
            assertEquals(c, Compression.of(c.name()));
            assertEquals(c, Compression.ofId(c.id()));
        }
        assertEquals("unknown compression: gzip; use none, deflate, zstd or lz4",
                assertThrows(IllegalArgumentException.class, () -> Compression.of("gzip")).getMessage());
        assertEquals(EnumSet.of(Compression.ZSTD, Compression.LZ4), EnumSet.copyOf(
                java.util.Arrays.stream(Compression.values()).filter(c -> c.dependency() != null).toList()));
    }
}
