package io.cacheweave.runtime.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KeyWriterTest {

    enum Color { RED, DARK_BLUE }

    record Point(int x, String label) {
    }

    private static String key(Consumer<KeyWriter> calls) {
        KeyWriter w = KeyWriter.forKey(1000);
        calls.accept(w);
        return w.toString();
    }

    private static String key(Object value) {
        return KeyWriter.forKey(1000).value(value).toString();
    }

    static String sha256(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    @Test
    void value_plainText() {
        assertEquals("summarize", key(w -> w.value("summarize")));
        assertEquals("héllo wörld 😀", key(w -> w.value("héllo wörld 😀")));
    }

    @Test
    void value_escapesEverySpecialCharacter() {
        assertEquals("\\\\\\:\\*\\?\\[\\]\\(\\)\\,\\=", key(w -> w.value("\\:*?[](),=")));
        assertEquals("a\\:b", key(w -> w.value(new StringBuilder("a:b"))));
        assertEquals("\\\\0", key(w -> w.value("\\0")), "a text \\0 is not the null marker");
        assertEquals("\\\\#", key(w -> w.value("\\#")), "a text \\# is not the hash prefix");
    }

    @Test
    void value_nullAndEmpty() {
        assertEquals("\\0", key(w -> w.value((CharSequence) null)));
        assertEquals("\\0", key(w -> w.value((Object) null)));
        assertEquals("\\0", key(KeyWriter::nullValue));
        assertEquals(KeyWriter.NULL_MARKER, key((Object) null));
        assertEquals("", key(w -> w.value("")));
    }

    @Test
    void value_escapingKeepsPartsApart() {
        String first = key(w -> w.literal("op:").value("a:b").literal(":").value("c"));
        String second = key(w -> w.literal("op:").value("a").literal(":").value("b:c"));
        assertEquals("op:a\\:b:c", first);
        assertEquals("op:a:b\\:c", second);
        assertNotEquals(first, second);
        assertNotEquals(key(List.of("a,b")), key(List.of("a", "b")));
        assertNotEquals(key(Map.of("a", "b=c")), key(Map.of("a=b", "c")));
        assertNotEquals(key((Object) null), key("\\0"));
    }

    @Test
    void value_primitives() {
        assertEquals("42", key(w -> w.value(42)));
        assertEquals("-9223372036854775808", key(w -> w.value(Long.MIN_VALUE)));
        assertEquals("1.5", key(w -> w.value(1.5)));
        assertEquals("1.0E-10", key(w -> w.value(1e-10)));
        assertEquals("NaN", key(w -> w.value(Double.NaN)));
        assertEquals("-Infinity", key(w -> w.value(Double.NEGATIVE_INFINITY)));
        assertEquals("true", key(w -> w.value(true)));
        assertEquals("false", key(w -> w.value(false)));
        assertEquals("x", key(w -> w.value('x')));
        assertEquals("\\:", key(w -> w.value(':')));
    }

    @Test
    void valueObject_boxedAndNumbers() {
        assertEquals("true", key(Boolean.TRUE));
        assertEquals("\\*", key(Character.valueOf('*')));
        assertEquals("-1", key(Byte.valueOf((byte) -1)));
        assertEquals("7", key(Short.valueOf((short) 7)));
        assertEquals("123", key(Integer.valueOf(123)));
        assertEquals("123", key(Long.valueOf(123)));
        assertEquals("123456789012345678901234567890", key(new BigInteger("123456789012345678901234567890")));
        assertEquals("0.1", key(Double.valueOf(0.1)));
        assertEquals("1.5", key(Float.valueOf(1.5f)));
        assertEquals(Double.toString(0.1f), key(Float.valueOf(0.1f)), "floats render as the double they widen to");
        assertEquals(key(w -> w.value((double) 0.1f)), key(Float.valueOf(0.1f)));
        assertEquals("1.50", key(new BigDecimal("1.50")));
        assertEquals("1E+3", key(new BigDecimal("1E+3")));
    }

    @Test
    void valueObject_sameAsTypedOverloads() {
        assertEquals(key(w -> w.value(5L)), key(5));
        assertEquals(key(w -> w.value(2.25)), key(2.25));
        assertEquals(key(w -> w.value('q')), key('q'));
        assertEquals(key(w -> w.value("a*b")), key((Object) "a*b"));
    }

    @Test
    void valueObject_enumOptionalRecordAndOthers() {
        assertEquals("DARK_BLUE", key(Color.DARK_BLUE));
        assertEquals("\\0", key(Optional.empty()));
        assertEquals("a\\:b", key(Optional.of("a:b")));
        assertEquals("[1,2]", key(Optional.of(List.of(1, 2))));
        assertEquals("Point\\[x\\=1\\, label\\=a\\:b\\]", key(new Point(1, "a:b")));
        Object nullToString = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        assertEquals("\\0", key(nullToString));
    }

    @Test
    void valueObject_arrays() {
        assertEquals("[1,2]", key(new int[] {1, 2}));
        assertEquals("[3,-4]", key(new long[] {3, -4}));
        assertEquals("[5]", key(new short[] {5}));
        assertEquals("[-6]", key(new byte[] {-6}));
        assertEquals("[a,\\:]", key(new char[] {'a', ':'}));
        assertEquals("[true,false]", key(new boolean[] {true, false}));
        assertEquals("[0.5,1.0E10]", key(new double[] {0.5, 1e10}));
        assertEquals("[0.5]", key(new float[] {0.5f}));
        assertEquals("[a,\\0,[1]]", key(new Object[] {"a", null, new int[] {1}}));
        assertEquals("[x\\,y]", key(new String[] {"x,y"}));
        assertEquals("[]", key(new int[0]));
        assertEquals("[[],[1,2]]", key(new int[][] {{}, {1, 2}}));
    }

    @Test
    void valueObject_collectionsAndMaps() {
        assertEquals("[b,a,b]", key(List.of("b", "a", "b")));
        assertEquals("[a,\\0]", key(Arrays.asList("a", null)));
        assertEquals("[c,a]", key(new ArrayList<>(List.of("c", "a"))));
        assertEquals("[q]", key(Collections.singleton("q")));
        assertEquals("[a,b,c]", key(Set.of("c", "a", "b")));
        assertEquals("(a=1,b=[x,y])", key(Map.of("b", List.of("x", "y"), "a", 1)));
        assertEquals("[]", key(List.of()));
        assertEquals("[]", key(Set.of()));
        assertEquals("()", key(Map.of()));
        Map<String, Object> withNulls = new LinkedHashMap<>();
        withNulls.put("k", null);
        withNulls.put(null, "v");
        assertEquals("(\\0=v,k=\\0)", key(withNulls));
        assertEquals("(a\\=b=c\\,d)", key(Map.of("a=b", "c,d")));
        assertEquals("[[1,2],[]]", key(List.of(List.of(1, 2), List.of())));
    }

    @Test
    void set_canonicalRegardlessOfInsertionOrder() {
        Set<Object> one = new LinkedHashSet<>(Arrays.asList("b", "a:b", null, 10, 9));
        Set<Object> two = new LinkedHashSet<>(Arrays.asList(9, null, 10, "a:b", "b"));
        assertEquals("[10,9,\\0,a\\:b,b]", key(one));
        assertEquals(key(one), key(two));
        assertEquals(key(one), key(w -> w.set(two, Renderer.DEFAULT)));
    }

    @Test
    void map_canonicalRegardlessOfInsertionOrder() {
        Map<Object, Object> one = new LinkedHashMap<>();
        one.put("z", 1);
        one.put("a:b", Set.of(3, 2));
        one.put(7, "seven");
        Map<Object, Object> two = new LinkedHashMap<>();
        two.put(7, "seven");
        two.put("a:b", new LinkedHashSet<>(List.of(2, 3)));
        two.put("z", 1);
        assertEquals("(7=seven,a\\:b=[2,3],z=1)", key(one));
        assertEquals(key(one), key(two));
        assertEquals(key(one), key(new TreeMap<>(Map.of("z", 1, "a:b", Set.of(2, 3), "7", "seven"))));
    }

    @Test
    void listSetMap_withRenderers() {
        Renderer<String> upper = (out, v) -> out.value(v.toUpperCase());
        assertEquals("[B,A]", key(w -> w.list(List.of("b", "a"), upper)));
        assertEquals("[A,B]", key(w -> w.set(Set.of("b", "a"), upper)));
        assertEquals("(A=x,B=y)", key(w -> w.map(Map.of("b", "y", "a", "x"), upper, Renderer.DEFAULT)));
        Renderer<Point> point = (out, p) -> out.beginObject().name("x").value(p.x()).name("label").value(p.label())
                .endObject();
        assertEquals("[(x=2,label=b),(x=1,label=a)]", key(w -> w.list(List.of(new Point(2, "b"), new Point(1, "a")),
                point)));
        assertEquals("[(x=1,label=a),(x=2,label=b)]", key(w -> w.set(Set.of(new Point(2, "b"), new Point(1, "a")),
                point)));
    }

    @Test
    void listSetMap_nullIsNullMarker() {
        assertEquals("\\0", key(w -> w.list(null, Renderer.DEFAULT)));
        assertEquals("\\0", key(w -> w.set(null, Renderer.DEFAULT)));
        assertEquals("\\0", key(w -> w.map(null, Renderer.DEFAULT, Renderer.DEFAULT)));
        assertEquals("[\\0,\\0]", key(w -> w.beginList().list(null, Renderer.DEFAULT).map(null, Renderer.DEFAULT,
                Renderer.DEFAULT).endList()));
    }

    @Test
    void object_propertiesSeparatedByWriter() {
        assertEquals("(a=1,b=x\\:y,c=\\0)", key(w -> w.beginObject().name("a").value(1).name("b").value("x:y")
                .name("c").nullValue().endObject()));
        assertEquals("()", key(w -> w.beginObject().endObject()));
        assertEquals("(ids=[1,2],inner=(n=\\0),tags=[a,b],m=(k=v))", key(w -> w.beginObject()
                .name("ids").beginList().value(1).value(2).endList()
                .name("inner").beginObject().name("n").value((Object) null).endObject()
                .name("tags").set(Set.of("b", "a"), Renderer.DEFAULT)
                .name("m").map(Map.of("k", "v"), Renderer.DEFAULT, Renderer.DEFAULT)
                .endObject()));
    }

    @Test
    void list_itemsSeparatedByWriter() {
        assertEquals("[(a=1),(),[],x,\\0,raw\\:t]", key(w -> w.beginList()
                .beginObject().name("a").value(1).endObject()
                .beginObject().endObject()
                .beginList().endList()
                .value("x").nullValue().raw("raw\\:t")
                .endList()));
    }

    @Test
    void literal_neverEscapedOrSeparated() {
        assertEquals("op:*:[x]", key(w -> w.literal("op:*:[x]")));
        assertEquals("op:a\\:b:*", key(w -> w.literal("op:").value("a:b").literal(":*")));
        assertEquals("a\\:b", key(w -> w.raw("a\\:b")));
    }

    @Test
    void misuse_throws() {
        assertThrows(IllegalStateException.class, () -> KeyWriter.forKey(10).beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> KeyWriter.forKey(10).beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> KeyWriter.forKey(10).endObject());
        assertThrows(IllegalStateException.class, () -> KeyWriter.forKey(10).endList());
        assertThrows(IllegalStateException.class, () -> KeyWriter.forKey(10).beginList().endObject());
        assertThrows(IllegalStateException.class, () -> KeyWriter.forKey(10).beginObject().endList());
        assertThrows(IllegalStateException.class, () -> KeyWriter.forKey(10).name("a"));
        assertThrows(IllegalStateException.class, () -> KeyWriter.forKey(10).beginList().name("a"));
        assertThrows(IllegalArgumentException.class, () -> KeyWriter.forKey(-1));
    }

    @Test
    void deepNesting_growsItsStack() {
        KeyWriter w = KeyWriter.forKey(10);
        for (int i = 0; i < 100; i++) {
            w.beginList();
        }
        for (int i = 0; i < 100; i++) {
            w.endList();
        }
        assertEquals("[".repeat(100) + "]".repeat(100), w.toString());
        assertEquals(200, w.length());
    }

    @Test
    void hash_thresholdBoundary() throws Exception {
        String atThreshold = "x".repeat(10);
        String overThreshold = "x".repeat(11);
        assertEquals(atThreshold, KeyWriter.forKey(10).value(atThreshold).toString());
        assertEquals("\\#" + sha256(overThreshold), KeyWriter.forKey(10).value(overThreshold).toString());
        String escapedAtThreshold = "a:b*c?d[e]";
        assertEquals("a\\:b\\*c\\?d\\[e\\]", KeyWriter.forKey(10).value(escapedAtThreshold).toString(),
                "the threshold counts the value's characters, not the escaped ones");
    }

    @Test
    void hash_defaultThreshold() throws Exception {
        String thousand = "k".repeat(1000);
        assertEquals(thousand, key(thousand));
        assertEquals("\\#" + sha256(thousand + "k"), key(thousand + "k"));
    }

    @Test
    void hash_isSha256OfUtf8Bytes() throws Exception {
        // Multi-byte characters across the encoder's chunk boundaries, and a CharSequence that is not a String.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(i % 7 == 0 ? "😀" : i % 5 == 0 ? "é" : i % 3 == 0 ? "中" : ":");
        }
        String expected = "\\#" + sha256(text.toString());
        assertEquals(expected, KeyWriter.forKey(1000).value(text).toString());
        assertEquals(expected, KeyWriter.forKey(1000).value(text.toString()).toString());
        assertEquals(64 + 2, expected.length());
        assertEquals(expected.toLowerCase(), expected);
    }

    @Test
    void hash_unpairedSurrogateLikeGetBytes() throws Exception {
        String text = "ab\uD800cd\uDC00" + "z".repeat(20) + "\uD83D";
        assertEquals("\\#" + sha256(text), KeyWriter.forKey(5).value(text).toString());
    }

    @Test
    void hash_zeroThresholdHashesEveryNonEmptyText() throws Exception {
        assertEquals("", KeyWriter.forKey(0).value("").toString());
        assertEquals("\\#" + sha256("a"), KeyWriter.forKey(0).value("a").toString());
        assertEquals("\\#" + sha256("a"), KeyWriter.forKey(0).value('a').toString());
        assertEquals("\\#" + sha256("a"), KeyWriter.forKey(0).value((Object) 'a').toString());
    }

    @Test
    void hash_inCollectionsAndSets() throws Exception {
        String longText = "y".repeat(20);
        assertEquals("[\\#" + sha256(longText) + ",short]", KeyWriter.forKey(10).value(List.of(longText, "short"))
                .toString());
        assertEquals("[\\#" + sha256(longText) + ",short]", KeyWriter.forKey(10).value(Set.of("short", longText))
                .toString());
    }

    @Test
    void length_countsCharacters() {
        KeyWriter w = KeyWriter.forKey(10).literal("op:").value("a:b");
        assertEquals(7, w.length());
        assertEquals("op:a\\:b", w.toString());
    }
}
