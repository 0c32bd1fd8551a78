package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.cacheweave.runtime.key.GlobPattern;
import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.key.Keys;
import io.cacheweave.runtime.woven.CachedMethod;
import io.cacheweave.runtime.woven.CachedValue;
import io.cacheweave.runtime.woven.InvalidatingMethod;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated key builders of {@code good/com/acme/text/TextService.java}: the memory-tier keys they build
 * and the logical key text they render, for given arguments.
 */
class GeneratedKeysTest {
    private static final String PKG = "com.acme.text.";
    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        Compilation c = Compilations.compile("good/com/acme/text/TextService.java");
        assertThat(c).succeeded();
        loader = Compilations.classLoader(c);
    }

    @Test
    void render_recordPartAfterText() throws Exception {
        Object options = record("TextService$Options", "en", 3);
        assertEquals("summarize:hello:(lang=en,max=3)", logicalKey("CACHED_summarize_0", "hello", options));
    }

    @Test
    void key_equalArgumentsGiveEqualTuples() throws Exception {
        CachedMethod cache = cache("CACHED_summarize_0");
        Object a = cache.keys.key("hello", record("TextService$Options", "en", 3));
        Object b = cache.keys.key(new Object[] {"hello", record("TextService$Options", "en", 3)});
        assertTrue(a instanceof Keys.Tuple, "two value parts make a tuple: " + a);
        assertEquals(a, b);
        assertNotEquals(a, cache.keys.key("hello", record("TextService$Options", "en", 4)));
    }

    @Test
    void render_primitivesOfEveryKind() throws Exception {
        assertEquals("count:1:2:c:true:1.5:2.5", logicalKey("CACHED_count_1", 1, 2L, 'c', true, 1.5, 2.5f));
    }

    @Test
    void key_noParameters() throws Exception {
        CachedMethod cache = cache("CACHED_constant_3");
        assertEquals(Keys.EMPTY, cache.keys.key());
        assertEquals("constant:", cache.logicalKey(cache.keys.key()));
    }

    @Test
    void render_templateWithPropertyPaths() throws Exception {
        Object request = record("TextService$Request", "hi", record("TextService$Options", "fr", 1));
        assertEquals("byModel:fr:hi", logicalKey("CACHED_byModel_4", request, new Object()));
    }

    @Test
    void render_propertyPathThroughNull() throws Exception {
        Object request = record("TextService$Request", "hi", null);
        assertEquals("byModel:\\0:hi", logicalKey("CACHED_byModel_4", request, null));
        assertEquals("byModel:\\0:\\0", logicalKey("CACHED_byModel_4", null, null));
    }

    @Test
    void key_onlyCacheKeyParameters() throws Exception {
        Object loud = enumConstant("TextService$Tone", "LOUD");
        Runnable one = () -> { };
        Runnable two = () -> { };
        CachedMethod cache = cache("CACHED_tagged_5");
        assertEquals(cache.keys.key("ann", one, loud), cache.keys.key("ann", two, loud));
        assertEquals("tagged:ann:LOUD", logicalKey("CACHED_tagged_5", "ann", one, loud));
    }

    @Test
    void key_arraysMakeRenderedTextKeys() throws Exception {
        CachedMethod cache = cache("CACHED_hashes_6");
        Object key = cache.keys.key(new int[] {1, 2}, new String[] {"a", "b:c"});
        assertEquals("[1,2]:[a,b\\:c]", key);
        assertEquals(key, cache.keys.key(new int[] {1, 2}, new String[] {"a", "b:c"}));
        assertEquals("hashes:[1,2]:[a,b\\:c]", cache.logicalKey(key));
        assertEquals("hashes:\\0:\\0", logicalKey("CACHED_hashes_6", null, null));
    }

    @Test
    void render_beanByGettersSortedByName() throws Exception {
        Constructor<?> c = loader.loadClass(PKG + "TextService$Profile").getConstructor(String.class, boolean.class);
        Object profile = c.newInstance("ann", true);
        CachedMethod cache = cache("CACHED_profile_7");
        Object key = cache.keys.key(profile);
        assertEquals("(active=true,name=ann)", key, "a bean without equals keys by its rendered text");
        assertEquals("profile:(active=true,name=ann)", cache.logicalKey(key));
    }

    @Test
    void render_selfReferentialRecordEnds() throws Exception {
        Object inner = record("TextService$Node", "b", null);
        Object outer = record("TextService$Node", "a", inner);
        assertEquals("walk:(label=a,next=" + KeyWriter.forKey(1000).value((Object) inner) + ")",
                logicalKey("CACHED_walk_8", outer));
    }

    @Test
    void render_mapListAndBoxedNull() throws Exception {
        Object en = record("TextService$Options", "en", 1);
        Object de = record("TextService$Options", "de", 2);
        assertEquals("lookup:(x=(lang=en,max=1)):[(lang=de,max=2)]:\\0",
                logicalKey("CACHED_lookup_9", Map.of("x", en), List.of(de), null));
        assertEquals("lookup:\\0:\\0:7", logicalKey("CACHED_lookup_9", null, null, 7L));
    }

    @Test
    void key_moreThanSpreadArityUsesArray() throws Exception {
        Object options = record("TextService$Options", "en", 9);
        assertEquals("five:a-2/9", logicalKey("CACHED_five_10", "a", 2, "ignored", 4L, options));
    }

    @Test
    void render_literalTextAndBoxedProperty() throws Exception {
        assertEquals("maxOf:max=7", logicalKey("CACHED_maxOf_11", record("TextService$Options", "en", 7)));
        assertEquals("maxOf:max=\\0", logicalKey("CACHED_maxOf_11", (Object) null));
    }

    @Test
    void render_nestedClassHasItsOwnKeyBuilder() throws Exception {
        CachedMethod cache = (CachedMethod) holderField("TextService_Inner_CacheweaveKeys", "CACHED_inner_0");
        assertEquals("inner:x", cache.logicalKey(cache.keys.key("x")));
        assertEquals("com.acme.text.TextService$Inner", cache.spec.declaringClass());
    }

    @Test
    void render_privateNestedClassHasAKeyBuilder() throws Exception {
        CachedMethod cache = (CachedMethod) holderField("TextService_Hidden_CacheweaveKeys", "CACHED_hidden_0");
        assertEquals("hidden:42", cache.logicalKey(cache.keys.key(42L)));
    }

    @Test
    void invalidate_literalPattern() throws Exception {
        assertEquals(List.of("pattern summarize:*"), invalidations("INVALIDATE_onModelUpdate_12"));
    }

    @Test
    void invalidate_placeholderAndOperationInOrder() throws Exception {
        assertEquals(List.of("pattern byModel:fr:*", "operation count"),
                invalidations("INVALIDATE_forget_13", "fr"));
    }

    @Test
    void invalidate_patternMatchesTheKeyOfTheSameValue() throws Exception {
        String text = "a*b:c[1]\\";
        Object request = record("TextService$Request", text, null);
        String pattern = invalidations("INVALIDATE_forgetText_14", request).get(0).substring("pattern ".length());
        String key = logicalKey("CACHED_summarize_0", text, record("TextService$Options", "en", 1));
        String other = logicalKey("CACHED_summarize_0", "a", record("TextService$Options", "en", 1));
        assertTrue(GlobPattern.compile(pattern).matches(key), pattern + " should match " + key);
        assertTrue(!GlobPattern.compile(pattern).matches(other), pattern + " must not match " + other);
    }

    /** A miss of {@code lookup}: finishes the load token it handed out with {@code value}. */
    private static void load(CachedMethod cache, Object a0, Object a1, Object value) {
        Object token = cache.keys.lookup(cache, a0, a1);
        assertFalse(token instanceof CachedValue, "a miss hands out a load token, not " + token);
        assertNotNull(token, "the memory tier is on");
        cache.exit(token, value, null);
    }

    private static Object hitValue(CachedMethod cache, Object a0, Object a1) {
        Object found = cache.keys.lookup(cache, a0, a1);
        return found instanceof CachedValue v ? v.value() : null;
    }

    @Test
    void lookup_twoPartKey_hitsWithEqualParts_missesOtherwise() throws Exception {
        CachedMethod cache = cache("CACHED_summarize_0");
        load(cache, "lookup-text", record("TextService$Options", "lookup", 1), "stored");
        assertEquals("stored", hitValue(cache, new String("lookup-text"), record("TextService$Options", "lookup", 1)),
                "equal parts, other instances: a hit");
        load(cache, "lookup-text", record("TextService$Options", "lookup", 2), "other options");
        assertEquals("other options", hitValue(cache, "lookup-text", record("TextService$Options", "lookup", 2)));
        assertEquals("stored", hitValue(cache, "lookup-text", record("TextService$Options", "lookup", 1)));
    }

    @Test
    void lookup_sameTupleHash_isNotTheOthersHit() throws Exception {
        CachedMethod cache = cache("CACHED_summarize_0");
        Object options = record("TextService$Options", "collide", 1);
        assertEquals("Aa".hashCode(), "BB".hashCode());
        assertEquals(Keys.of("Aa", options).hashCode(), Keys.of("BB", options).hashCode());
        load(cache, "Aa", options, "of Aa");
        load(cache, "BB", options, "of BB"); // the candidate under the same hash is Aa's: checked, a miss
        assertEquals("of Aa", hitValue(cache, "Aa", options));
        assertEquals("of BB", hitValue(cache, "BB", options));
    }

    @Test
    void lookup_longTextAndPropertyParts() throws Exception {
        CachedMethod summarize = cache("CACHED_summarize_0");
        String longText = "x".repeat(5_000);
        Object options = record("TextService$Options", "long", 1);
        load(summarize, longText, options, "of the long text");
        assertEquals("of the long text", hitValue(summarize, "x".repeat(5_000), options), "kept by its digest");

        CachedMethod byModel = cache("CACHED_byModel_4");
        Object request = record("TextService$Request", "hi", record("TextService$Options", "de", 1));
        load(byModel, request, "ignored", List.of("de hi"));
        assertEquals(List.of("de hi"), hitValue(byModel, record("TextService$Request", "hi",
                record("TextService$Options", "de", 9)), new Object()), "the parts are lang and text only");
        Object noOptions = record("TextService$Request", "hi", null);
        load(byModel, noOptions, null, List.of("null hi"));
        assertEquals(List.of("null hi"), hitValue(byModel, record("TextService$Request", "hi", null), "x"));
        assertEquals(List.of("de hi"), hitValue(byModel, request, null));
    }

    /**
     * More threads than probe stripes, so threads share a probe and overwrite each other's hash between the hash
     * and the compare: every hit must still be the caller's own value.
     */
    @Test
    void lookup_threadsSharingProbes_neverGetAnothersValue() throws Exception {
        CachedMethod cache = cache("CACHED_summarize_0");
        Object options = record("TextService$Options", "race", 1);
        int threads = 4 * io.cacheweave.runtime.stats.HitCounter.STRIPES;
        for (int t = 0; t < threads; t++) {
            load(cache, "race-" + t, options, "value-" + t);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                String text = "race-" + t;
                String expected = "value-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    int hits = 0;
                    for (int i = 0; i < 20_000; i++) {
                        Object v = hitValue(cache, text, options);
                        if (v != null) {
                            assertEquals(expected, v, "a hit of " + text);
                            hits++;
                        }
                    }
                    return hits;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Integer> r : results) {
                assertEquals(20_000, r.get(60, java.util.concurrent.TimeUnit.SECONDS),
                        "every call a hit: a probe raced by another thread falls back to the key");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String logicalKey(String field, Object... args) throws Exception {
        CachedMethod cache = cache(field);
        Object spread = switch (args.length) {
            case 0 -> cache.keys.key();
            case 1 -> cache.keys.key(args[0]);
            case 2 -> cache.keys.key(args[0], args[1]);
            case 3 -> cache.keys.key(args[0], args[1], args[2]);
            case 4 -> cache.keys.key(args[0], args[1], args[2], args[3]);
            default -> cache.keys.key(args);
        };
        assertEquals(spread, cache.keys.key(args.clone()), "key(...) and key(Object[]) agree");
        return cache.logicalKey(spread);
    }

    private static CachedMethod cache(String field) throws Exception {
        return (CachedMethod) holderField("TextService_CacheweaveKeys", field);
    }

    private static Object holderField(String holder, String field) throws Exception {
        return loader.loadClass(PKG + holder).getField(field).get(null);
    }

    private static List<String> invalidations(String field, Object... args) throws Exception {
        return RecordingInvalidator.recorded(
                (InvalidatingMethod) holderField("TextService_CacheweaveKeys", field), false, args);
    }

    private static Object record(String name, Object... components) throws Exception {
        for (Constructor<?> c : loader.loadClass(PKG + name).getConstructors()) {
            if (c.getParameterCount() == components.length) {
                return c.newInstance(components);
            }
        }
        throw new AssertionError("no constructor of " + name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(String name, String constant) throws Exception {
        return Enum.valueOf((Class) loader.loadClass(PKG + name), constant);
    }
}
