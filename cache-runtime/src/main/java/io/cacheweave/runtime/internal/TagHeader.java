package io.cacheweave.runtime.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The format of a tagged entry in the shared tier: its tags and the generation each had when it was written, in
 * front of the encoded value:
 *
 * <pre>0x00 "cwtags1" count:u16 (generation:i64 length:u16 tag:UTF-8)* value</pre>
 *
 * An entry without tags is stored as the encoded value alone (which starts with the codec's magic bytes, or is the
 * absent marker). Written and checked by the runtime ({@code StoredTags}, {@code SharedTierAccess}); read by the
 * inspection command as well, which is why it is public here.
 */
public final class TagHeader {
    private static final byte[] MAGIC = "\0cwtags1".getBytes(StandardCharsets.US_ASCII);
    /** The most tags one entry may carry. */
    public static final int MAX_TAGS = 64;

    /** A tagged entry read back: its tags, their generations when written, and the encoded value. */
    public record Header(String[] tags, long[] generations, byte[] value) {
    }

    private TagHeader() {
    }

    /** @return the entry as stored: {@code value} alone when there are no tags */
    public static byte[] wrap(String[] tags, long[] generations, byte[] value) {
        if (tags == null || tags.length == 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length + 16 + tags.length * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(tags.length);
            for (int i = 0; i < tags.length; i++) {
                byte[] tag = tags[i].getBytes(StandardCharsets.UTF_8);
                out.writeLong(generations[i]);
                out.writeShort(tag.length);
                out.write(tag);
            }
            out.write(value);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @return whether stored bytes carry tags */
    public static boolean isTagged(byte[] stored) {
        return stored.length >= MAGIC.length && Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * @param stored bytes for which {@link #isTagged} holds
     * @return the tags, generations and value
     * @throws IllegalArgumentException when the header is cut short or malformed
     */
    public static Header read(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored, MAGIC.length,
                stored.length - MAGIC.length))) {
            int n = in.readUnsignedShort();
            if (n == 0 || n > MAX_TAGS) {
                throw new IllegalArgumentException("bad tag count " + n);
            }
            String[] tags = new String[n];
            long[] generations = new long[n];
            for (int i = 0; i < n; i++) {
                generations[i] = in.readLong();
                byte[] tag = new byte[in.readUnsignedShort()];
                in.readFully(tag);
                tags[i] = new String(tag, StandardCharsets.UTF_8);
            }
            return new Header(tags, generations, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("tag header cut short", e);
        }
    }
}
