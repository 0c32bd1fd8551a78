package io.cacheweave.runtime.key;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digest that stands in for a long text key part. */
final class TextDigest {
    private static final MessageDigest SHA_256 = sha256();
    private static final int CHUNK_BYTES = 1024;

    private TextDigest() {
    }

    /**
     * SHA-256 of the UTF-8 bytes of {@code text}, encoded a chunk at a time into one small buffer: the text is never
     * copied whole. Unpaired surrogates encode as {@code ?}, as {@link String#getBytes} does.
     */
    static String sha256Hex(CharSequence text) {
        MessageDigest digest = newDigest();
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
        CoderResult result;
        do {
            result = encoder.encode(in, chunk, true);
            drain(chunk, digest);
        } while (result.isOverflow());
        do {
            result = encoder.flush(chunk);
            drain(chunk, digest);
        } while (result.isOverflow());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void drain(ByteBuffer chunk, MessageDigest digest) {
        chunk.flip();
        digest.update(chunk);
        chunk.clear();
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
