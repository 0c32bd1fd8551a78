package io.cacheweave.runtime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tags of a stored entry and the generation each had when it was written, in front of the encoded value:
 *
 * <pre>0x00 "cwtags1" count:u16 (generation:i64 length:u16 tag:UTF-8)* value</pre>
 *
 * An entry without tags is stored as the encoded value alone (which starts with the codec's magic bytes, or is the
 * absent marker), so untagged entries are what they always were. A reader treats a tagged entry as absent when one
 * of its tags has a newer generation now ({@link Generations}): that is how invalidating a tag is one round trip.
 */
final class StoredTags {
    private static final byte[] MAGIC = "\0cwtags1".getBytes(StandardCharsets.US_ASCII);
    /** The most tags one entry may carry. */
    static final int MAX_TAGS = 64;
    /** The longest tag, in UTF-8 bytes. */
    static final int MAX_TAG_BYTES = 1024;

    /** A tagged entry read back: its tags, their generations when written, and the encoded value. */
    record Header(String[] tags, long[] generations, byte[] value) {
    }

    private StoredTags() {
    }

    /** @return the entry as stored: {@code value} alone when there are no tags */
    static byte[] wrap(String[] tags, long[] generations, byte[] value) {
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
    static boolean isTagged(byte[] stored) {
        return stored.length >= MAGIC.length && Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * @param stored bytes for which {@link #isTagged} holds
     * @return the tags, generations and value
     * @throws IllegalArgumentException when the header is cut short or malformed
     */
    static Header read(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(stored, MAGIC.length,
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

    /**
     * @return the tags, checked (non-empty, at most {@link #MAX_TAGS} of at most {@link #MAX_TAG_BYTES} bytes),
     *     without duplicates, in their order; {@code null} for none
     * @throws IllegalArgumentException naming the tag at fault
     */
    static String[] require(java.util.Collection<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        java.util.LinkedHashSet<String> distinct = new java.util.LinkedHashSet<>();
        for (String tag : tags) {
            requireTag(tag);
            distinct.add(tag);
        }
        if (distinct.size() > MAX_TAGS) {
            throw new IllegalArgumentException("an entry may carry at most " + MAX_TAGS + " tags, not "
                    + distinct.size());
        }
        return distinct.toArray(new String[0]);
    }

    /** @return the tag, when it is non-empty and at most {@link #MAX_TAG_BYTES} bytes of UTF-8 */
    static String requireTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("a tag must be non-empty text, not " + (tag == null ? "null" : "\"\""));
        }
        if (tag.getBytes(StandardCharsets.UTF_8).length > MAX_TAG_BYTES) {
            throw new IllegalArgumentException("a tag must be at most " + MAX_TAG_BYTES + " bytes of UTF-8: \""
                    + tag.substring(0, 40) + "...\"");
        }
        return tag;
    }

    /** @return whether {@code tags} holds {@code tag} */
    static boolean contains(String[] tags, String tag) {
        if (tags != null) {
            for (String t : tags) {
                if (t.equals(tag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
