package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors of {@code @Cached(tags = ...)} and {@code @Invalidate(tags = ...)}, each on the tags attribute. */
class TagValidationTest {
    private static final String FILE = "bad/com/acme/bad/Tags.java";
    private static Compilation c;

    @BeforeAll
    static void compile() {
        c = Compilations.compile(FILE);
        assertThat(c).failed();
    }

    @Test
    void cachedTags_unknownParameter() {
        Diagnose.error(c, FILE, "// cached unknown parameter", "[CachedUnknownKeyParameter] @Cached(tags = "
                + "\"user:{user}\") on Tags.profile(String userId): no parameter named \"user\"; parameters are: "
                + "userId. Did you mean \"userId\"?");
    }

    @Test
    void cachedTags_unknownProperty() {
        Diagnose.error(c, FILE, "// cached unknown property", "[CachedUnknownKeyProperty] @Cached(tags = "
                + "\"order:{order.owner}\") on Tags.orders(Tags.Order order)", "has no property \"owner\"",
                "its properties are: customer.");
    }

    @Test
    void cachedTags_empty() {
        Diagnose.error(c, FILE, "// cached empty", "[CachedEmptyTag] @Cached(tags = \"\") on Tags.empty(String id): "
                + "a tag must not be empty", "such as tags = \"user:{id}\"");
    }

    @Test
    void cachedTags_wildcard() {
        Diagnose.error(c, FILE, "// cached wildcard", "[CachedTagWildcard] @Cached(tags = \"user:*\") on "
                + "Tags.wild(String id): '*' at index 5 is a pattern character");
    }

    @Test
    void cachedTags_malformed() {
        Diagnose.error(c, FILE, "// cached malformed", "[CachedMalformedTag] @Cached(tags = \"user:{id\") on "
                + "Tags.open(String id): unclosed '{' at index 5");
    }

    @Test
    void invalidateTags_unknownParameter() {
        Diagnose.error(c, FILE, "// invalidate unknown parameter", "[InvalidateUnknownParameter] @Invalidate(tags = "
                + "\"user:{user}\") on Tags.forget(String userId): no parameter named \"user\"");
    }

    @Test
    void invalidateTags_withOperation() {
        Diagnose.error(c, FILE, "// with operation", "[InvalidateTagsWithTarget] @Invalidate(operation = "
                + "\"profile\", tags = \"user:{userId}\") on Tags.withOperation(String userId): give exactly one of "
                + "pattern, operation and tags, not tags with another; use one @Invalidate for the tags and another "
                + "for the operation");
    }

    @Test
    void invalidateTags_none() {
        Diagnose.error(c, FILE, "// invalidate no tags", "[InvalidateEmptyTag] @Invalidate(tags = {}) on "
                + "Tags.noTags(): a tag must not be empty", "such as tags = \"all\"");
    }

    @Test
    void invalidateTags_wildcard() {
        Diagnose.error(c, FILE, "// invalidate wildcard", "[InvalidateTagWildcard] @Invalidate(tags = \"user:?\") on "
                + "Tags.wildInvalidate(): '?' at index 5 is a pattern character");
    }

    @Test
    void invalidateTags_malformed() {
        Diagnose.error(c, FILE, "// invalidate malformed", "[InvalidateMalformedTag] @Invalidate(tags = "
                + "\"user:{userId\") on Tags.openInvalidate(String userId): unclosed '{' at index 5");
    }

    @Test
    void tags_wellFormed_areRefusedUntilTheRuntimeAppliesThem() {
        Diagnose.error(c, FILE, "// well-formed cached", "[TagsNotApplied] @Cached(tags = \"user:{id}\") on "
                + "Tags.account(String id): tags are checked by this version but not yet applied at run time");
        Diagnose.error(c, FILE, "// well-formed invalidate", "[TagsNotApplied] @Invalidate(tags = \"user:{id}\") on "
                + "Tags.forgetAccount(String id)");
    }

    @Test
    void tags_errorsOnly() {
        assertThat(c).hadErrorCount(12);
        assertThat(c).hadWarningCount(0);
    }
}
