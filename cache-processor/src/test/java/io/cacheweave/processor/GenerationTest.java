package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.cacheweave.runtime.woven.CachedMethod;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compiles classes of many shapes, and checks the generated key builders and the index. */
class GenerationTest {
    private static final String TEXT = "good/com/acme/text/TextService.java";
    private static final String PROFILE = "good/com/acme/profile/ProfileRepository.java";
    private static final String HOLDER = "com.acme.profile.ProfileRepository_CacheweaveKeys";
    private static Compilation c;

    @BeforeAll
    static void compile() {
        c = Compilations.compile(TEXT, PROFILE, "good/Unpackaged.java");
    }

    @Test
    void compile_succeedsWithoutWarningsUnderXlintAll() {
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void keyBuilder_classShape() {
        String source = Compilations.generatedSource(c, HOLDER);
        assertTrue(source.contains("@Generated(\"io.cacheweave.processor.CacheweaveProcessor\")"), source);
        assertTrue(source.contains("public final class ProfileRepository_CacheweaveKeys {"), source);
        assertTrue(source.contains("private ProfileRepository_CacheweaveKeys() {"), source);
        assertFalse(source.contains("ProfileRepository.class"), "never a class literal of the woven class");
    }

    @Test
    void keyBuilder_cachedFieldWithSpec() {
        String source = Compilations.generatedSource(c, HOLDER);
        assertTrue(source.contains("public static final CachedMethod CACHED_profile_0 = Cacheweave.cachedMethod("
                + "new CachedMethodSpec(\"com.acme.profile.ProfileRepository\", \"profile\", "
                + "\"(JLcom/acme/profile/ProfileRepository$Query;)Lcom/acme/profile/ProfileRepository$Page;\", "
                + "\"userProfile\", 60L, \"\", false, false, 0, -1L)"), source);
    }

    @Test
    void keyBuilder_invalidateFieldWithTargets() {
        String source = Compilations.generatedSource(c, HOLDER);
        assertTrue(source.contains("public static final InvalidatingMethod INVALIDATE_forget_5 = "
                + "Cacheweave.invalidatingMethod(new InvalidateSpec(\"com.acme.profile.ProfileRepository\", \"forget\", "
                + "\"(J)V\", List.of(\"pattern=userProfile:{userId}\"))"), source);
        assertTrue(source.contains("inv.invalidateOperation(\"summarize\");"), source);
    }

    @Test
    void keyBuilder_arityMethods() {
        String source = Compilations.generatedSource(c, HOLDER);
        assertTrue(source.contains("public Object key(Object a0, Object a1) {"), source);
        assertTrue(source.contains("return key(args[0], args[1]);"), source);
    }

    @Test
    void keyBuilder_nestedAndInterfaceClasses() {
        assertTrue(Compilations.generatedSource(c, "com.acme.profile.ProfileRepository_Outer_Mid_CacheweaveKeys")
                .contains("\"com.acme.profile.ProfileRepository$Outer$Mid\", \"deep\", \"([Ljava/lang/String;)"
                        + "Ljava/lang/String;\""));
        assertTrue(Compilations.generatedSource(c, "com.acme.profile.ProfileRepository_Directory_CacheweaveKeys")
                .contains("CACHED_name_0"));
        assertTrue(Compilations.generatedSource(c, "Unpackaged_CacheweaveKeys").contains("CACHED_lookup_0"));
    }

    @Test
    void index_linesOfProfileRepository() {
        String holder = " com.acme.profile.ProfileRepository_CacheweaveKeys ";
        String owner = "com.acme.profile.ProfileRepository ";
        List<String> expected = List.of(
                "cached com.acme.profile.ProfileRepository$Directory name (JLjava/lang/Object;)Ljava/lang/String; "
                        + "com.acme.profile.ProfileRepository_Directory_CacheweaveKeys CACHED_name_0",
                "cached com.acme.profile.ProfileRepository$Outer$Mid deep ([Ljava/lang/String;)Ljava/lang/String; "
                        + "com.acme.profile.ProfileRepository_Outer_Mid_CacheweaveKeys CACHED_deep_0",
                "cached " + owner + "profile (JLcom/acme/profile/ProfileRepository$Query;)"
                        + "Lcom/acme/profile/ProfileRepository$Page;" + holder + "CACHED_profile_0",
                "cached " + owner + "generic (Ljava/lang/CharSequence;)Ljava/lang/String;" + holder + "CACHED_generic_1",
                "cached " + owner + "byRegion (Lcom/acme/profile/ProfileRepository$Query;)Ljava/util/List;" + holder
                        + "CACHED_byRegion_2",
                "cached " + owner + "pageSize (Lcom/acme/profile/ProfileRepository$Page;)I" + holder
                        + "CACHED_pageSize_3",
                "cached " + owner + "query (Lcom/acme/profile/ProfileRepository$Query;)Ljava/lang/String;" + holder
                        + "CACHED_query_4",
                "invalidate " + owner + "forget (J)V" + holder + "INVALIDATE_forget_5",
                "invalidate " + owner + "clearSummaries ()V" + holder + "INVALIDATE_clearSummaries_6");
        List<String> lines = Compilations.index(c).lines().toList();
        assertEquals(CacheIndex.HEADER, lines.get(0));
        for (String line : expected) {
            assertTrue(lines.contains(line), line + " in\n" + String.join("\n", lines));
        }
    }

    @Test
    void index_linesOfTextServiceAndUnnamedPackage() {
        List<String> lines = Compilations.index(c).lines().toList();
        assertTrue(lines.contains("cached com.acme.text.TextService$Hidden hidden (J)Ljava/lang/String; "
                + "com.acme.text.TextService_Hidden_CacheweaveKeys CACHED_hidden_0"), String.join("\n", lines));
        assertTrue(lines.contains("cached com.acme.text.TextService byModel (Lcom/acme/text/TextService$Request;"
                + "Ljava/lang/Object;)Ljava/util/List; com.acme.text.TextService_CacheweaveKeys CACHED_byModel_4"));
        assertTrue(lines.contains("cached Unpackaged lookup (Ljava/lang/String;)Ljava/lang/String; "
                + "Unpackaged_CacheweaveKeys CACHED_lookup_0"));
        assertEquals(1 + 17 + 9 + 1, lines.size(), "header and one line per woven method");
    }

    @Test
    void index_absentWithoutWovenMethods() {
        Compilation none = Compiler.javac().withProcessors(new CacheweaveProcessor())
                .compile(com.google.testing.compile.JavaFileObjects.forSourceString("com.acme.Plain",
                        "package com.acme; public class Plain { String x() { return \"\"; } }"));
        assertThat(none).succeeded();
        assertNull(Compilations.index(none));
    }

    @Test
    void render_genericRecordBeanFieldAndVarargs() throws Exception {
        ClassLoader loader = Compilations.classLoader(c);
        Class<?> holder = loader.loadClass(HOLDER);
        Constructor<?> page = loader.loadClass("com.acme.profile.ProfileRepository$Page")
                .getConstructor(List.class, int.class);
        Object query = loader.loadClass("com.acme.profile.ProfileRepository$Query")
                .getConstructor(String.class, int.class).newInstance("eu", 5);
        assertEquals("pageSize:2:[a,b]", key(holder, "CACHED_pageSize_3", page.newInstance(List.of("a", "b"), 2)));
        assertEquals("byRegion:eu/5", key(holder, "CACHED_byRegion_2", query));
        assertEquals("query:(limit=5)", key(holder, "CACHED_query_4", query));
        assertEquals("userProfile:7", key(holder, "CACHED_profile_0", 7L, query));
        assertEquals("generic:abc", key(holder, "CACHED_generic_1", new StringBuilder("abc")));
        Class<?> mid = loader.loadClass("com.acme.profile.ProfileRepository_Outer_Mid_CacheweaveKeys");
        assertEquals("deep:[a,b]", key(mid, "CACHED_deep_0", (Object) new String[] {"a", "b"}));
    }

    @Test
    void processor_doesNotClaimAnnotations() {
        List<String> seen = new ArrayList<>();
        AbstractProcessor recorder = new AbstractProcessor() {
            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of(CacheAnnotations.CACHED);
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                annotations.forEach(a -> seen.add(a.getQualifiedName().toString()));
                return false;
            }
        };
        Compilation both = Compiler.javac().withProcessors(new CacheweaveProcessor(), recorder)
                .compile(Compilations.source("good/Unpackaged.java"));
        assertThat(both).succeeded();
        assertEquals(List.of(CacheAnnotations.CACHED), seen);
    }

    @Test
    void processor_neverLinksTheAnnotationClasses() throws IOException {
        // The processor runs from the processor path alone, where io.cacheweave.annotations is absent.
        Path classes = Path.of(CacheweaveProcessor.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".class")).toList();
            assertFalse(all.isEmpty());
            for (Path p : all) {
                String constants = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertFalse(constants.contains("io/cacheweave/annotations/"), p + " links an annotation class");
                assertFalse(constants.contains("io/cacheweave/runtime/"), p + " links a runtime class");
            }
        }
    }

    private static String key(Class<?> holder, String field, Object... args) throws Exception {
        CachedMethod cache = (CachedMethod) holder.getField(field).get(null);
        return cache.logicalKey(cache.keys.key(args));
    }
}
