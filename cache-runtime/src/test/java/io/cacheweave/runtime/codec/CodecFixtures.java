package io.cacheweave.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.function.Executable;

/** Value types and helpers shared by the codec tests. */
final class CodecFixtures {
    private CodecFixtures() {
    }

    record Summary(String title, List<String> keyPoints, int wordCount) {
    }

    record Score(String label, double value) {
    }

    static final Type SUMMARY_LIST = new TypeReference<List<Summary>>() { }.getType();

    static Type typeOf(TypeReference<?> reference) {
        return reference.getType();
    }

    static Summary summary(int i) {
        return new Summary("title " + i, List.of("first point of " + i, "second point"), 100 + i);
    }

    /** A summary whose JSON is {@code bytes} long or a little longer, made of compressible text. */
    static Summary summaryOfAbout(int bytes) {
        List<String> points = new ArrayList<>();
        int size = 0;
        int i = 0;
        while (size < bytes) {
            String point = "point " + i++ + " of the answer repeats some words of the answer";
            points.add(point);
            size += point.length() + 3;
        }
        return new Summary("long", points, size);
    }

    /** Text that compression cannot shrink: random letters and digits. */
    static String randomText(int length, long seed) {
        Random random = new Random(seed);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** An envelope as {@link JsonValueCodec} documents it, around any payload. */
    static byte[] envelope(int flags, int length, int crc, byte[] payload) {
        byte[] out = new byte[12 + payload.length];
        out[0] = (byte) 0xE3;
        out[1] = 0x77;
        out[2] = 1;
        out[3] = (byte) flags;
        putInt(out, 4, length);
        putInt(out, 8, crc);
        System.arraycopy(payload, 0, out, 12, payload.length);
        return out;
    }

    /** A well-formed uncompressed envelope around {@code json}. */
    static byte[] envelope(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        return envelope(0, payload.length, crc32c(payload), payload);
    }

    static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    static void putInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    static CodecException.Reason reason(Executable call) {
        return assertThrows(CodecException.class, call).reason();
    }
}
