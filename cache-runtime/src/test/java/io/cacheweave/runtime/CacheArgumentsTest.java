package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.key.KeyWriter;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key rendering and argument rules of programmatic caches: keys render as one-part generated keys do. */
class CacheArgumentsTest {
    record Options(String language, int maxWords) {
    }

    record Request(String text, Options options, List<Options> more) {
    }

    private static String render(Object key) {
        return CacheArguments.render(key, 1000);
    }

    @Test
    void render_textEscaped_likeGeneratedKeys() {
        assertEquals("hello\\: world", render("hello: world"));
        assertEquals(KeyWriter.forKey(1000).value("a*b[c]").toString(), render("a*b[c]"));
        assertEquals("42", render(42L));
    }

    @Test
    void render_textFastPath_equalsKeyWriter() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "ab\\:*?[](),= \u00e9\ud83d\ude00";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(12) + 1; j > 0; j--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertEquals(KeyWriter.forKey(1000).value(t).toString(), render(t), t);
        }
        String plain = "user-1";
        assertTrue(plain == render(plain), "a text with nothing to escape is not copied");
    }

    @Test
    void render_records_byComponent_alsoInsideCollections() {
        assertEquals("(language=en,maxWords=3)", render(new Options("en", 3)));
        assertEquals("(text=hi\\,there,options=(language=\\0,maxWords=1),more=[(language=de,maxWords=2)])",
                render(new Request("hi,there", new Options(null, 1), List.of(new Options("de", 2)))));
        assertEquals("[(language=a,maxWords=1),(language=b,maxWords=2)]",
                render(Set.of(new Options("b", 2), new Options("a", 1))));
        assertEquals("(k=(language=x,maxWords=0))", render(Map.of("k", new Options("x", 0))));
    }

    @Test
    void render_longText_hashed() {
        String rendered = CacheArguments.render("x".repeat(11), 10);
        assertTrue(rendered.startsWith(KeyWriter.HASH_PREFIX) && rendered.length() == 2 + 64, rendered);
    }

    @Test
    void render_nullOrEmpty_rejected() {
        assertEquals("key must not be null",
                assertThrows(IllegalArgumentException.class, () -> render(null)).getMessage());
        assertEquals("key must not be empty",
                assertThrows(IllegalArgumentException.class, () -> render("")).getMessage());
    }

    @Test
    void rawType_ofGenericTypes() throws NoSuchFieldException {
        record Holder(List<String> list, Optional<Integer>[] array) {
        }
        Type list = Holder.class.getDeclaredField("list").getGenericType();
        Type array = Holder.class.getDeclaredField("array").getGenericType();
        assertEquals(List.class, CacheArguments.rawType(list));
        assertEquals(Optional[].class, CacheArguments.rawType(array));
        assertEquals(Integer.class, CacheArguments.rawType(int.class));
    }

    @Test
    void ttl_and_escapeGlob() {
        assertEquals("ttl must be positive: PT-1S", assertThrows(IllegalArgumentException.class,
                () -> CacheArguments.requireTtl(Duration.ofSeconds(-1), "ttl")).getMessage());
        assertEquals("ttl must not be null", assertThrows(IllegalArgumentException.class,
                () -> CacheArguments.requireTtl(null, "ttl")).getMessage());
        assertEquals("a\\*b\\?c\\[d\\]e\\\\f:g", CacheArguments.escapeGlob("a*b?c[d]e\\f:g"));
    }
}
