package io.cacheweave.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.codec.CodecException.Reason;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 2: the decoded size of a stored value is bounded by {@code maxDecodedBytes}, checked before
 * allocating and while decompressing, never taken from the envelope's word alone. Allocation is measured on the
 * decoding thread ({@code com.sun.management.ThreadMXBean}).
 */
class DecompressionBombTest {
    private static final int MIB = 1 << 20;

    private static long allocatedBy(Runnable decode) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        decode.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static Reason failure(JsonValueCodec codec, byte[] stored, long[] allocated) {
        CodecException[] thrown = new CodecException[1];
        allocated[0] = allocatedBy(() -> thrown[0] = assertThrows(CodecException.class,
                () -> codec.decode(stored, String.class)));
        return thrown[0].reason();
    }

    @Test
    void decode_zstdBombDeclaring100Megabytes_tooLargeWithoutAllocatingIt() {
        byte[] bomb = Bombs.zstd(100_000_000);
        assertTrue(bomb.length < 16 * 1024, "a few KB: " + bomb.length);
        long[] allocated = new long[1];
        assertEquals(Reason.TOO_LARGE, failure(JsonValueCodec.create(), bomb, allocated));
        assertTrue(allocated[0] < MIB, "allocated " + allocated[0] + " bytes");
    }

    @Test
    void decode_bombAboveTheLimitItStatesHonestly_tooLargeWithoutAllocatingIt() {
        JsonValueCodec codec = JsonValueCodec.builder().maxDecodedBytes(MIB).build();
        long[] allocated = new long[1];
        for (byte[] bomb : new byte[][] {Bombs.zstd(8 * MIB), Bombs.deflate(8 * MIB, 8 * MIB),
                Bombs.lz4(8 * MIB, 8 * MIB)}) {
            assertEquals(Reason.TOO_LARGE, failure(codec, bomb, allocated));
            assertTrue(allocated[0] < 256 * 1024, "allocated " + allocated[0] + " bytes");
        }
    }

    @Test
    void decode_bombUnderAStatedLengthThatLies_failsWhileDecompressing() {
        JsonValueCodec codec = JsonValueCodec.create();
        long[] allocated = new long[1];
        for (byte[] bomb : new byte[][] {Bombs.zstd(64 * MIB, 1000), Bombs.deflate(64 * MIB, 1000),
                Bombs.lz4(64 * MIB, 1000)}) {
            assertEquals(Reason.CHECKSUM, failure(codec, bomb, allocated), "corrupt: more data than stated");
            assertTrue(allocated[0] < 256 * 1024, "allocated " + allocated[0] + " bytes");
        }
    }

    @Test
    void roundTrip_atTheLimit_andEncode_aboveIt_unencodable() {
        JsonValueCodec codec = JsonValueCodec.builder().maxDecodedBytes(MIB).build();
        String fits = "a".repeat(MIB - 2);
        assertEquals(fits, codec.decode(codec.encode(fits, String.class), String.class));
        assertEquals(Reason.UNENCODABLE, assertThrows(CodecException.class,
                () -> codec.encode(fits + "a", String.class)).reason());
    }

    @Test
    void maxDecodedBytes_outOfRange_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonValueCodec.builder().maxDecodedBytes(0));
        assertEquals("max decoded bytes must be from 1 to 268435456: 0", e.getMessage());
    }
}
