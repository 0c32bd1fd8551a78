package io.cacheweave.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Labels of the most accessed keys: readable, short, and distinct where the keys are. */
class KeyLabelsTest {
    private static final String PREFIX = "Cacheweave caches the results of slow methods\\: ".repeat(5).substring(0, 200);

    @Test
    void of_unescapesPartsAndShowsTheOperationApart() {
        String key = "summarize:hello\\: world\\, again:(language=en,maxWords=3)";
        MonitorSnapshot.KeyCount k = new MonitorSnapshot.KeyCount(key, 4);
        assertEquals("summarize", k.operation());
        assertEquals("hello: world, again · (language=en,maxWords=3)", k.label());
        assertEquals(key, k.key(), "the full logical key is kept as is");
    }

    @Test
    void of_hashedPartAsItsDigestAndNullAsNull() {
        String digest = "3f9a1c0b7d2e4f6a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a";
        assertEquals("#3f9a1c0b7d2e · null · 7", KeyLabels.of("embed:\\#" + digest + ":\\0:7"));
        assertEquals("embed", KeyLabels.operation("embed:\\#" + digest));
        assertEquals("a:b", KeyLabels.operation("a\\:b:1"), "an escaped colon does not end the operation");
    }

    @Test
    void of_longKeyKeepsItsStartAndEnd() {
        String label = KeyLabels.of("qa:" + "x".repeat(300) + "END");
        assertTrue(label.length() < 80, label);
        assertTrue(label.startsWith("xxxx") && label.endsWith("xEND") && label.contains("…"), label);
    }

    @Test
    void label_keysSharingA200CharacterPrefix_areDistinctAndShort() {
        List<MonitorSnapshot.KeyCount> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(new MonitorSnapshot.KeyCount("summarize:" + PREFIX + " Round " + i + ".:(language=en,maxWords=8)",
                    10 - i));
        }
        keys.add(new MonitorSnapshot.KeyCount("summarize:" + PREFIX + ":(language=en,maxWords=8)", 1));
        List<MonitorSnapshot.KeyCount> labelled = KeyLabels.label(keys);
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            MonitorSnapshot.KeyCount k = labelled.get(i);
            assertEquals(keys.get(i).key(), k.key());
            assertEquals(keys.get(i).count(), k.count());
            assertTrue(k.label().length() <= KeyLabels.WIDTH, k.label());
            assertTrue(!k.label().contains("\\"), "unescaped: " + k.label());
            labels.add(k.label());
        }
        assertEquals(keys.size(), labels.size(), "distinct: " + labels);
        assertTrue(labelled.get(3).label().contains("Round 3."), labelled.get(3).label());
        assertTrue(labelled.get(3).label().startsWith("Cacheweave caches"), labelled.get(3).label());
    }

    @Test
    void label_keysDifferingInTheMiddle_showWhereTheyDiffer() {
        String a = "qa:" + "a".repeat(150) + "LEFT" + "z".repeat(150);
        String b = "qa:" + "a".repeat(150) + "RIGHT" + "z".repeat(149);
        List<MonitorSnapshot.KeyCount> labelled = KeyLabels.label(List.of(new MonitorSnapshot.KeyCount(a, 2),
                new MonitorSnapshot.KeyCount(b, 1)));
        assertTrue(labelled.get(0).label().contains("LEFT"), labelled.get(0).label());
        assertTrue(labelled.get(1).label().contains("RIGHT"), labelled.get(1).label());
    }

    @Test
    void label_manySimilarKeys_neverShareALabel() {
        Random random = new Random(17);
        List<MonitorSnapshot.KeyCount> keys = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        while (keys.size() < 200) {
            char[] text = "m".repeat(400).toCharArray();
            for (int i = 0; i < 3; i++) {
                text[random.nextInt(text.length)] = (char) ('a' + random.nextInt(3));
            }
            String key = "op:" + new String(text);
            if (distinct.add(key)) {
                keys.add(new MonitorSnapshot.KeyCount(key, 1));
            }
        }
        Set<String> labels = new HashSet<>();
        KeyLabels.label(keys).forEach(k -> labels.add(k.label()));
        assertEquals(200, labels.size());
    }

    @Test
    void label_sameTextInTwoOperations_mayShareALabel() {
        List<MonitorSnapshot.KeyCount> labelled = KeyLabels.label(List.of(
                new MonitorSnapshot.KeyCount("summarize:" + PREFIX, 2), new MonitorSnapshot.KeyCount("qa:" + PREFIX, 1)));
        assertEquals(labelled.get(0).label(), labelled.get(1).label(), "the operation column tells them apart");
        assertNotEquals(labelled.get(0).operation(), labelled.get(1).operation());
    }
}
