package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.cacheweave.runtime.woven.CachedMethod;
import io.cacheweave.runtime.woven.InvalidatingMethod;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Cached(tags = ...)} and {@code @Invalidate(tags = ...)}: placeholders checked like keys' (an unknown
 * parameter is an error naming it; in {@code @Cached} a tag names only parts of the key), and the generated code
 * renders a tag the same way on both sides, escaped like key text.
 */
class TagsTest {
    private static final String BAD = "bad/com/acme/bad/Tags.java";
    private static final String HOLDER = "com.acme.tags.UserDocs_CacheweaveKeys";
    private static Compilation bad;
    private static Compilation good;
    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        bad = Compilations.compile(BAD);
        assertThat(bad).failed();
        good = Compilations.compile("good/com/acme/tags/UserDocs.java");
        assertThat(good).succeededWithoutWarnings();
        loader = Compilations.classLoader(good);
    }

    @Test
    void cached_unknownParameter_isNamed() {
        Diagnose.error(bad, BAD, "// unknown parameter", "[CachedUnknownKeyParameter] @Cached(tags = \"user:{user}\") "
                + "on Tags.unknownParameter(String userId): no parameter named \"user\"; parameters are: userId.");
    }

    @Test
    void cached_parameterNotInTheKey() {
        Diagnose.error(bad, BAD, "// not in key", "[CachedTagNotInKey] @Cached(tags = \"user:{userId}\") on "
                + "Tags.notInKey(String id, String userId): tag \"user:{userId}\": {userId} is not a part of the key "
                + "(its parts are {id})");
    }

    @Test
    void cached_wildcard() {
        Diagnose.error(bad, BAD, "// wildcard", "[CachedMalformedTag] @Cached(tags = \"user:*\") on "
                + "Tags.wildcard(String userId): tag \"user:*\": '*' at index 5 is a pattern character");
    }

    @Test
    void invalidate_unknownParameter_isNamed() {
        Diagnose.error(bad, BAD, "// invalidate unknown", "[InvalidateUnknownParameter] @Invalidate(tags = "
                + "\"user:{ident}\") on Tags.invalidateUnknown(String userId): no parameter named \"ident\"");
    }

    @Test
    void invalidate_tagsWithAnotherTarget() {
        Diagnose.error(bad, BAD, "// with operation", "[InvalidateTagsWithOtherTarget] @Invalidate(operation = "
                + "\"tag-unknown\", tags = \"user:{userId}\") on Tags.withOperation(String userId): tags cannot be "
                + "combined with pattern, operation or key");
    }

    @Test
    void errorsOnly() {
        assertThat(bad).hadErrorCount(5);
    }

    @Test
    void cached_tagsRenderedFromTheKey_escapedAsKeyText() throws Exception {
        CachedMethod doc = (CachedMethod) field("CACHED_doc_0");
        assertArrayEquals(new String[] {"user:a\\:b", "docs"}, doc.keys.tags(doc.keys.key("a:b", 7L), 100));
        CachedMethod profile = (CachedMethod) field("CACHED_profile_1");
        assertArrayEquals(new String[] {"user:a\\:b"}, profile.keys.tags(profile.keys.key("a:b"), 100));
    }

    @Test
    void invalidate_rendersTheSameTag() throws Exception {
        assertEquals(List.of("tag user:a\\:b"), recorded("INVALIDATE_userChanged_2", false, "a:b"));
        assertEquals(List.of("tag docs", "tag user:x"), recorded("INVALIDATE_everything_3", true, "x"));
        assertEquals(List.of(), recorded("INVALIDATE_everything_3", false, "x"));
    }

    private static Object field(String name) throws Exception {
        return loader.loadClass(HOLDER).getField(name).get(null);
    }

    private static List<String> recorded(String name, boolean before, Object... args) throws Exception {
        return RecordingInvalidator.recorded((InvalidatingMethod) field(name), before, args);
    }
}
