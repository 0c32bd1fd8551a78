package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key parts the generated code cannot name, key parts that render unstably, and key builder name clashes. */
class KeyTypeValidationTest {
    private static final String INACCESSIBLE = "bad/com/acme/bad/Inaccessible.java";
    private static final String UNSTABLE = "bad/com/acme/bad/Unstable.java";
    private static Compilation inaccessible;
    private static Compilation unstable;

    @BeforeAll
    static void compile() {
        inaccessible = Compilations.compile(INACCESSIBLE);
        unstable = Compilations.compile(UNSTABLE);
        assertThat(inaccessible).failed();
        assertThat(unstable).succeeded();
    }

    @Test
    void parameter_privateNestedType() {
        Diagnose.error(inaccessible, INACCESSIBLE, "Secret secret) {", "[KeyTypeInaccessible] @Cached(operation = "
                + "\"bySecret\") on Inaccessible.bySecret(String name, Inaccessible.Secret secret): parameter "
                + "\"secret\" has type Inaccessible.Secret, which is private, so the generated key builder "
                + "Inaccessible_CacheweaveKeys cannot name it; make Inaccessible.Secret package-private or wider");
    }

    @Test
    void property_privateNestedType() {
        Diagnose.error(inaccessible, INACCESSIBLE, "key = \"{wrapper.secret}\"", "[KeyTypeInaccessible] "
                + "@Cached(key = \"{wrapper.secret}\") on Inaccessible.byWrapper(Inaccessible.Wrapper wrapper): "
                + "property \"wrapper.secret\" has type Inaccessible.Secret, which is private");
    }

    @Test
    void property_accessibleBesideAPrivateOne() {
        assertThat(inaccessible).hadErrorCount(2);
    }

    @Test
    void parameter_functionalInterface() {
        Diagnose.warning(unstable, UNSTABLE, "Runnable callback) {", "[CachedUnstableKeyParameter] @Cached(operation = "
                + "\"withCallback\") on Unstable.withCallback(String text, Runnable callback): key parameter "
                + "\"callback\" has type Runnable, a function object, which renders by its identity, so equal calls "
                + "get different keys and never hit; mark the parameters that identify the result @CacheKey");
    }

    @Test
    void parameter_stream() {
        Diagnose.warning(unstable, UNSTABLE, "Stream<String> lines", "[CachedUnstableKeyParameter]",
                "key parameter \"lines\" has type Stream<String>, a stream or handle");
    }

    @Test
    void parameter_inputStream() {
        Diagnose.warning(unstable, UNSTABLE, "InputStream in)", "[CachedUnstableKeyParameter]",
                "key parameter \"in\" has type InputStream, a stream or handle");
    }

    @Test
    void parameter_classRenderedByIdentity() {
        Diagnose.warning(unstable, UNSTABLE, "RequestContext context)", "[CachedUnstableKeyParameter]",
                "has type Unstable.RequestContext, a class without getters or toString(), which renders by its "
                + "identity hash");
    }

    @Test
    void parameter_listOfFunctions() {
        Diagnose.warning(unstable, UNSTABLE, "List<Function<String, String>> steps", "[CachedUnstableKeyParameter]",
                "holding a function object");
    }

    @Test
    void placeholder_functionalInterface() {
        Diagnose.warning(unstable, UNSTABLE, "key = \"{fn}\"", "[CachedUnstableKeyParameter] @Cached(key = \"{fn}\")",
                "key placeholder {fn} has type Function<String, String>", "read a stable property of it");
    }

    @Test
    void cacheKey_withoutCached() {
        Diagnose.warning(unstable, UNSTABLE, "String notCached", "[CacheKeyWithoutCached] @CacheKey on parameter "
                + "\"text\" of Unstable.notCached(String text): the method has no @Cached, so @CacheKey has no effect");
    }

    @Test
    void parameter_objectAndUnmarkedAreNotWarned() {
        assertThat(unstable).hadWarningCount(7);
    }

    @Test
    void keyBuilder_nameClash() {
        Compilation c = Compilations.compile("bad/com/acme/clash/Outer.java", "bad/com/acme/clash/Outer_Inner.java");
        Diagnose.error(c, "bad/com/acme/clash/Outer_Inner.java", "public class Outer_Inner", "[KeyBuilderNameClash] "
                + "class com.acme.clash.Outer_Inner: its key builder would be com.acme.clash.Outer_Inner_CacheweaveKeys, "
                + "the same as the key builder of com.acme.clash.Outer$Inner; rename one of the two classes");
    }
}
