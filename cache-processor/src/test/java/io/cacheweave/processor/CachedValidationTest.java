package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors on the shape of {@code @Cached} methods and on their operation and TTL. */
class CachedValidationTest {
    private static final String SHAPES = "bad/com/acme/bad/MethodShapes.java";
    private static final String OPERATIONS = "bad/com/acme/bad/Operations.java";
    private static Compilation shapes;
    private static Compilation operations;

    @BeforeAll
    static void compile() {
        shapes = Compilations.compile(SHAPES);
        operations = Compilations.compile(OPERATIONS);
        assertThat(shapes).failed();
        assertThat(operations).failed();
    }

    @Test
    void cached_onConstructor() {
        Diagnose.error(shapes, SHAPES, "operation = \"make\"", "[CachedOnConstructor] @Cached(operation = \"make\") on "
                + "constructor MethodShapes(String name): a constructor cannot be cached", "such as a static factory");
    }

    @Test
    void cached_voidMethod() {
        Diagnose.error(shapes, SHAPES, "@Cached(operation = \"ping\")", "[CachedVoidMethod] @Cached(operation = \"ping\") on "
                + "MethodShapes.ping(String host): the method returns void, so there is no result to cache");
    }

    @Test
    void cached_abstractMethod() {
        Diagnose.error(shapes, SHAPES, "@Cached(operation = \"load\")", "[CachedAbstractMethod] @Cached(operation = \"load\") "
                + "on MethodShapes.load(String id): the method is abstract", "put @Cached on the implementing method");
    }

    @Test
    void cached_interfaceMethodWithoutBody() {
        Diagnose.error(shapes, SHAPES, "operation = \"lookup\"", "[CachedAbstractMethod] @Cached(operation = "
                + "\"lookup\") on MethodShapes.Lookup.lookup(String id): the method is abstract");
    }

    @Test
    void cached_defaultMethodIsFine() {
        assertThat(shapes).hadErrorCount(6);
    }

    @Test
    void cached_togetherWithInvalidate() {
        Diagnose.error(shapes, SHAPES, "operation = \"both\"", "[CachedAndInvalidate] @Cached(operation = \"both\") "
                + "on MethodShapes.both(String id): a method cannot be both @Cached and @Invalidate");
    }

    @Test
    void invalidate_abstractMethod() {
        Diagnose.error(shapes, SHAPES, "// reset", "[InvalidateAbstractMethod] "
                + "@Invalidate(operation = \"ping\") on MethodShapes.reset(): the method is abstract");
    }

    @Test
    void operation_empty() {
        Diagnose.error(operations, OPERATIONS, "operation = \"\"", "[CachedEmptyOperation] @Cached(operation = \"\") "
                + "on Operations.empty(String id): the operation must not be empty", "such as operation = \"empty\"");
    }

    @Test
    void operation_colon() {
        Diagnose.error(operations, OPERATIONS, "operation = \"user:find\"", "[CachedInvalidOperation] "
                + "@Cached(operation = \"user:find\") on Operations.colon(String id): the operation must not contain",
                "found ':' at index 4", "such as operation = \"user-find\"");
    }

    @Test
    void operation_whitespace() {
        Diagnose.error(operations, OPERATIONS, "operation = \"find user\"", "[CachedInvalidOperation]",
                "found a space at index 4", "such as operation = \"find-user\"");
    }

    @Test
    void operation_wildcard() {
        Diagnose.error(operations, OPERATIONS, "operation = \"glob*\"", "[CachedInvalidOperation]",
                "found '*' at index 4", "such as operation = \"glob\"");
    }

    @Test
    void refreshAfter_notPositive() {
        Diagnose.error(operations, OPERATIONS, "refreshAfter = 0", "[CachedRefreshNotPositive] "
                + "@Cached(refreshAfter = 0) on Operations.refreshZero(String id): refreshAfter is the age in seconds",
                "give a positive number smaller than the TTL");
    }

    @Test
    void refreshAfter_notBeforeTtl() {
        Diagnose.error(operations, OPERATIONS, "refreshAfter = 60", "[CachedRefreshNotBeforeTtl] "
                + "@Cached(ttl = 60, refreshAfter = 60) on Operations.refreshLate(String id): refreshAfter must be "
                + "smaller than the TTL", "use for example refreshAfter = 30");
    }

    @Test
    void jitter_outOfRange() {
        Diagnose.error(operations, OPERATIONS, "jitter = 150", "[CachedJitterOutOfRange] @Cached(jitter = 150) on "
                + "Operations.jittery(String id): jitter is a percentage of the TTL from 0 to 100",
                "use for example jitter = 10");
    }

    @Test
    void ttl_zero() {
        Diagnose.error(operations, OPERATIONS, "ttl = 0", "[CachedZeroTtl] @Cached(ttl = 0) on Operations.zero(String "
                + "id): a TTL of 0 seconds would expire every entry as it is stored", "leave ttl out");
    }

    @Test
    void operation_duplicateInOneClass() {
        Diagnose.error(operations, OPERATIONS, "// second", "[CachedDuplicateOperation] "
                + "@Cached(operation = \"twice\") on Operations.second(String id): operation \"twice\" is already used "
                + "by Operations.first(String id)", "such as operation = \"twice-second\"");
    }

    @Test
    void operation_duplicateAcrossClasses() {
        Compilation c = Compilations.compile("bad/com/acme/bad/UserRepository.java",
                "bad/com/acme/bad/DuplicateOther.java");
        Diagnose.error(c, "bad/com/acme/bad/DuplicateOther.java", "operation = \"findById\"",
                "[CachedDuplicateOperation] @Cached(operation = \"findById\") on DuplicateOther.again(long id): "
                + "operation \"findById\" is already used by UserRepository.findById(long id)");
    }
}
