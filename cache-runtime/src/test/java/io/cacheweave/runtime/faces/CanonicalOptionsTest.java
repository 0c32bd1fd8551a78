package io.cacheweave.runtime.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CanonicalOptionsTest {

    private static String render(Map<?, ?> options) {
        return CanonicalOptions.render(options, 1000);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void render_mapOrderDoesNotMatter() {
        assertEquals("(a=1,b=2)", render(ordered("a", 1, "b", 2)));
        assertEquals("(a=1,b=2)", render(ordered("b", 2, "a", 1)));
    }

    @Test
    void render_nestedMapsAndSetsSorted_listsKeptInOrder() {
        Map<String, Object> one = ordered("model", ordered("name", "gpt", "temperature", 0.5),
                "tags", Set.of("x", "a"), "stops", List.of("z", "a"));
        Map<String, Object> two = ordered("stops", List.of("z", "a"), "tags", Set.of("a", "x"),
                "model", new TreeMap<>(Map.of("temperature", 0.50, "name", "gpt")));
        assertEquals("(model=(name=gpt,temperature=0.5),stops=[z,a],tags=[a,x])", render(one));
        assertEquals(render(one), render(two));
        assertNotEquals(render(one), render(ordered("model", ordered("name", "gpt", "temperature", 0.5),
                "tags", Set.of("x", "a"), "stops", List.of("a", "z"))));
    }

    @Test
    void render_numberTypeDoesNotMatter() {
        String one = render(Map.of("n", 1));
        for (Object n : List.of(1L, (short) 1, (byte) 1, 1.0, 1.0f, new BigDecimal("1.00"), BigInteger.ONE,
                new AtomicLong(1))) {
            assertEquals(one, render(Map.of("n", n)), n.getClass().getName());
        }
        assertEquals("(n=0.1)", render(Map.of("n", 0.1f)));
        assertEquals("(n=0.1)", render(Map.of("n", new BigDecimal("0.100"))));
        assertEquals("(n=100)", render(Map.of("n", 100.0)));
        assertEquals("(n=0)", render(Map.of("n", -0.0)));
        assertEquals("(n=1E+30)", render(Map.of("n", 1e30)));
        assertEquals("(n=NaN)", render(Map.of("n", Double.NaN)));
        assertNotEquals(render(Map.of("n", 1)), render(Map.of("n", 1.5)));
    }

    @Test
    void render_arraysAsLists_optionalsAsContent() {
        assertEquals(render(Map.of("a", List.of(1, 2))), render(Map.of("a", new int[] {1, 2})));
        assertEquals(render(Map.of("a", List.of("x"))), render(Map.of("a", new String[] {"x"})));
        assertEquals(render(Map.of("a", "x")), render(Map.of("a", Optional.of("x"))));
    }

    @Test
    void render_nullAndEmptyAreNone() {
        assertEquals("()", render(null));
        assertEquals("()", render(Map.of()));
    }

    @Test
    void render_structureCharactersInTextEscaped_noCollision() {
        assertNotEquals(render(ordered("a", "1,b=2")), render(ordered("a", "1", "b", "2")));
        assertEquals("(a=1\\,b\\=2)", render(ordered("a", "1,b=2")));
    }

    @Test
    void render_longTextValueHashed() {
        assertEquals(render(Map.of("context", "c".repeat(2000))), render(Map.of("context", "c".repeat(2000))));
        assertEquals(true, CanonicalOptions.render(Map.of("context", "c".repeat(20)), 10).startsWith("(context=\\#"));
    }
}
