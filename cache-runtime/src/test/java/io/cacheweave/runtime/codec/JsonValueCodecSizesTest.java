package io.cacheweave.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sizes an encoding reports to the monitor. */
class JsonValueCodecSizesTest {
    private final List<long[]> reports = new ArrayList<>();

    private byte[] encode(JsonValueCodec codec, String value) {
        return codec.encode(value, String.class, (raw, stored, compressed, nanos) ->
                reports.add(new long[] {raw, stored, compressed ? 1 : 0, nanos}));
    }

    @Test
    void belowTheThreshold_uncompressed_noCompressionTime() {
        byte[] out = encode(JsonValueCodec.create(), "short");
        assertEquals(1, reports.size());
        assertEquals(List.of(7L, (long) out.length, 0L, 0L), List.of(reports.get(0)[0], reports.get(0)[1],
                reports.get(0)[2], reports.get(0)[3]));
        assertEquals(19, out.length);
    }

    @Test
    void aboveTheThreshold_compressed_withItsTime() {
        byte[] out = encode(JsonValueCodec.create(), "abcabcabc ".repeat(300));
        long[] r = reports.get(0);
        assertEquals(3002, r[0]);
        assertEquals(out.length, r[1]);
        assertEquals(1, r[2]);
        assertTrue(r[3] > 0);
        assertTrue(out.length < 3002 / 10);
    }

    @Test
    void incompressible_storedAsIs_timeStillReported() {
        StringBuilder noise = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            noise.append((char) ('!' + random.nextInt(90)));
        }
        String text = noise.toString().replace("\"", "a").replace("\\", "b");
        byte[] out = encode(JsonValueCodec.builder().compression(Compression.LZ4).build(), text);
        long[] r = reports.get(0);
        assertEquals(1, reports.size());
        assertEquals(2002, r[0]);
        assertEquals(out.length, r[1]);
        assertEquals(2002 + 12, r[1], "lz4 cannot shorten random text: stored as is");
        assertEquals(0, r[2]);
        assertTrue(r[3] > 0, "the attempt took time");
    }

    @Test
    void defaultMethod_reportsTheEncodedLength() {
        ValueCodec plain = new ValueCodec() {
            @Override
            public byte[] encode(Object value, java.lang.reflect.Type type) {
                return new byte[] {1, 2, 3};
            }

            @Override
            public Object decode(byte[] bytes, java.lang.reflect.Type type) {
                return null;
            }
        };
        plain.encode("x", String.class, (raw, stored, compressed, nanos) ->
                reports.add(new long[] {raw, stored, compressed ? 1 : 0, nanos}));
        assertEquals(List.of(3L, 3L, 0L, 0L), List.of(reports.get(0)[0], reports.get(0)[1], reports.get(0)[2],
                reports.get(0)[3]));
    }
}
