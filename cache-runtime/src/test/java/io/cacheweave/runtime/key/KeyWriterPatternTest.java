package io.cacheweave.runtime.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Pattern writers: literals stay wildcards, values match exactly the key text they render to. */
class KeyWriterPatternTest {

    private static final int THRESHOLD = 40;

    record Box(String content) {
    }

    /** Values whose text contains every character that means something to keys or globs. */
    static List<Object> trickyValues() {
        List<Object> values = new ArrayList<>(Arrays.asList(
                "", null, "*", "a*", "abc", "?", "a?c", "[", "]", "[a-z]", "[^a]", "\\", "\\\\", "a\\", "\\*",
                "(", ")", ",", "=", ":", "a:b", "x=1,y=2", "(a=1)", "\\0", "\\#", "^", "-", "}{", "héllo 😀",
                "*".repeat(THRESHOLD), "*".repeat(THRESHOLD + 1), "a*b?c[d]e\\f:g".repeat(10),
                0, -1, 3.25, true, 'x', '*', '\\', Optional.empty(), Optional.of("[*]"), new Box("*]"),
                new int[] {1, 2}, new String[] {"*", null, "a,b"}, List.of("*", "?"), List.of(),
                Arrays.asList(null, "[", List.of("]")), Set.of("*", "?", "[", "\\"),
                new LinkedHashSet<>(Arrays.asList(null, "*", ",", "0", ":", "=")),
                Map.of("k*", "v?", "[", "]"), Map.of()));
        Map<Object, Object> nested = new LinkedHashMap<>();
        nested.put(null, Set.of("*", "0"));
        nested.put("*", Map.of(":", List.of("\\")));
        values.add(nested);
        return values;
    }

    private static String key(Consumer<KeyWriter> calls) {
        KeyWriter w = KeyWriter.forKey(THRESHOLD);
        calls.accept(w);
        return w.toString();
    }

    private static String pattern(Consumer<KeyWriter> calls) {
        KeyWriter w = KeyWriter.forPattern(THRESHOLD);
        calls.accept(w);
        return w.toString();
    }

    @Test
    void pattern_literalUnchangedValuesGlobEscaped() {
        assertEquals("op:*", pattern(w -> w.literal("op:*")));
        assertEquals("op:a\\\\\\*:*", pattern(w -> w.literal("op:").value("a*").literal(":*")));
        assertEquals("\\\\0", pattern(KeyWriter::nullValue));
        assertEquals("\\[1,\\\\0\\]", pattern(w -> w.value(Arrays.asList(1, null))));
        assertEquals("(a=\\\\\\[x\\\\\\])", pattern(w -> w.beginObject().name("a").value("[x]").endObject()));
        assertEquals("a\\\\:b", pattern(w -> w.raw("a\\:b")));
        assertEquals("a\\\\\\?", pattern(w -> w.value('a').literal("").value("?")));
    }

    @Test
    void pattern_matchesExactlyTheKeyOfTheSameValue() {
        List<Object> values = trickyValues();
        for (Object v : values) {
            String key = key(w -> w.literal("op:").value(v));
            String glob = pattern(w -> w.literal("op:").value(v));
            assertTrue(GlobPattern.compile(glob).matches(key), () -> glob + " should match " + key);
            String wider = pattern(w -> w.literal("op:").value(v).literal(":*"));
            assertTrue(GlobPattern.compile(wider).matches(key + ":tail"), () -> wider + " should match " + key);
            assertEquals(key, GlobPattern.compile(glob).literalPrefix(),
                    "a value-only pattern has no wildcard: its literal prefix is the key");
        }
        for (Object v : values) {
            GlobPattern glob = GlobPattern.compile(pattern(w -> w.literal("op:").value(v)));
            String ownKey = key(w -> w.literal("op:").value(v));
            for (Object other : values) {
                String otherKey = key(w -> w.literal("op:").value(other));
                if (!otherKey.equals(ownKey)) {
                    assertFalse(glob.matches(otherKey), () -> glob + " must not match " + otherKey);
                }
            }
        }
    }

    @Test
    void pattern_structuresMatchTheirKeys() {
        Consumer<KeyWriter> calls = w -> w.literal("op:").beginObject()
                .name("ids").list(List.of("*", "?"), Renderer.DEFAULT)
                .name("tags").set(new LinkedHashSet<>(Arrays.asList("0", null, "*", "[")), Renderer.DEFAULT)
                .name("m").map(Map.of("\\", "]", "*", "x"), Renderer.DEFAULT, Renderer.DEFAULT)
                .name("raw").raw("a\\*b")
                .endObject().literal(":").value(7);
        String key = key(calls);
        String glob = pattern(calls);
        assertTrue(GlobPattern.compile(glob).matches(key), () -> glob + " should match " + key);
    }

    @Test
    void pattern_setOrderFollowsKeyTextOrder() {
        // Sorted by pattern text, null (\\0) would come before "*" (\\\*); the key has "*" (\*) before null (\0).
        Set<Object> set = new LinkedHashSet<>(Arrays.asList(null, "*"));
        String key = key(w -> w.value(set));
        String glob = pattern(w -> w.value(set));
        assertEquals("[\\*,\\0]", key);
        assertEquals("\\[\\\\\\*,\\\\0\\]", glob);
        assertTrue(GlobPattern.compile(glob).matches(key));
    }

    @Test
    void pattern_valueCannotWidenPattern() {
        String glob = pattern(w -> w.literal("op:").value("a*"));
        assertFalse(GlobPattern.compile(glob).matches(key(w -> w.literal("op:").value("abc"))));
        assertTrue(GlobPattern.compile(glob).matches(key(w -> w.literal("op:").value("a*"))));
        String anyChar = pattern(w -> w.literal("op:").value("?"));
        assertFalse(GlobPattern.compile(anyChar).matches(key(w -> w.literal("op:").value("x"))));
        String range = pattern(w -> w.literal("op:").value("[a-z]"));
        assertFalse(GlobPattern.compile(range).matches(key(w -> w.literal("op:").value("q"))));
        String partial = pattern(w -> w.literal("op:").value("a").literal("*"));
        assertTrue(GlobPattern.compile(partial).matches(key(w -> w.literal("op:").value("abc"))));
    }

    @Test
    void pattern_hashedTextMatchesHashedKey() {
        String longText = "*?[]\\".repeat(THRESHOLD);
        String key = key(w -> w.literal("op:").value(longText));
        String glob = pattern(w -> w.literal("op:").value(longText));
        assertTrue(key.startsWith("op:\\#"));
        assertEquals("op:\\\\#" + key.substring(5), glob);
        assertTrue(GlobPattern.compile(glob).matches(key));
    }

    @Test
    void pattern_rawGlobEscapesRenderedKeyText() {
        String rendered = key(w -> w.value(List.of("a*", "[b]")));
        String key = key(w -> w.literal("op:").raw(rendered));
        String glob = pattern(w -> w.literal("op:").raw(rendered));
        assertEquals("op:[a\\*,\\[b\\]]", key);
        assertTrue(GlobPattern.compile(glob).matches(key));
        assertFalse(GlobPattern.compile(glob).matches("op:[aX,\\[b\\]]"));
    }
}
