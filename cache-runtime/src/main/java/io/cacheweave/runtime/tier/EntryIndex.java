package io.cacheweave.runtime.tier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory index of a {@link FileTier}: file name to entry, least recently used first, and the entry files'
 * total length. Thread-safe (one monitor, held briefly); it does no I/O.
 */
final class EntryIndex {

    /** One indexed entry; compared by identity, so a replaced entry is never removed in its successor's place. */
    static final class Slot {
        final String key;
        final long length;
        final long expiresAt;

        Slot(String key, long length, long expiresAt) {
            this.key = key;
            this.length = length;
            this.expiresAt = expiresAt;
        }
    }

    /** An entry with its file name. */
    record Named(String name, Slot slot) {
    }

    private final LinkedHashMap<String, Slot> slots = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    /** @return the entry of a file name, or {@code null}; counts as a use */
    synchronized Slot get(String name) {
        return slots.get(name);
    }

    /** Adds or replaces an entry, which becomes the most recently used. @return the one it replaced, or null */
    synchronized Slot put(String name, Slot slot) {
        Slot previous = slots.put(name, slot);
        bytes += slot.length - (previous == null ? 0 : previous.length);
        return previous;
    }

    /** @return whether the name still mapped to exactly {@code slot}, which is then removed */
    synchronized boolean remove(String name, Slot slot) {
        if (!slots.remove(name, slot)) {
            return false;
        }
        bytes -= slot.length;
        return true;
    }

    /** @return the least recently used entry, or {@code null} when empty; not a use */
    synchronized Named eldest() {
        if (slots.isEmpty()) {
            return null;
        }
        Map.Entry<String, Slot> e = slots.entrySet().iterator().next();
        return new Named(e.getKey(), e.getValue());
    }

    /** @return every entry at this moment, least recently used first; not a use */
    synchronized List<Named> snapshot() {
        List<Named> all = new ArrayList<>(slots.size());
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            all.add(new Named(e.getKey(), e.getValue()));
        }
        return all;
    }

    synchronized int size() {
        return slots.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
