package io.cacheweave.runtime;

import io.cacheweave.runtime.internal.TagHeader;
import java.nio.charset.StandardCharsets;

/**
 * The tags of an entry: the rules a tag must meet, and lookups in an entry's tags. The stored format (tags and
 * their generations in front of the encoded value) is {@link TagHeader}'s. A reader treats a tagged entry as absent
 * when one of its tags has a newer generation now ({@link Generations}): that is how invalidating a tag is one
 * round trip.
 */
final class StoredTags {
    /** The most tags one entry may carry. */
    static final int MAX_TAGS = TagHeader.MAX_TAGS;
    /** The longest tag, in UTF-8 bytes. */
    static final int MAX_TAG_BYTES = 1024;

    private StoredTags() {
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
