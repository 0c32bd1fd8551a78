package io.cacheweave.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stable tags of messages, and the name suggestions they make. */
class MessageTest {

    @Test
    void tag_derivedFromConstantName() {
        assertEquals("CachedUnknownKeyParameter", Message.CACHED_UNKNOWN_KEY_PARAMETER.tag());
        assertEquals("CacheKeyWithoutCached", Message.CACHE_KEY_WITHOUT_CACHED.tag());
    }

    @Test
    void tag_uniqueAndLeadsTheText() {
        Set<String> tags = new HashSet<>();
        for (Message m : Message.values()) {
            assertTrue(tags.add(m.tag()), "duplicate tag " + m.tag());
            Object[] args = new Object[12];
            Arrays.fill(args, 7); // an Integer fits both %s and %d
            String text = m.format(args);
            assertTrue(text.startsWith("[" + m.tag() + "] 7: "), "tag, then subject: " + text);
        }
    }

    @Test
    void closest_byEditDistanceIgnoringCase() {
        assertEquals("id", Suggestions.closest("userId", List.of("id", "name")).orElseThrow());
        assertEquals("model", Suggestions.closest("modle", List.of("text", "model")).orElseThrow());
        assertEquals("", Suggestions.didYouMean("x", List.of()));
    }

    @Test
    void list_cutAfterTwentyNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            names.add("p" + i);
        }
        assertTrue(Suggestions.list(names).endsWith("p19, ... (5 more)"), Suggestions.list(names));
    }
}
