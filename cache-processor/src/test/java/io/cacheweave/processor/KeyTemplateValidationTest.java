package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors in {@code @Cached(key = ...)} templates, each on the {@code key} attribute. */
class KeyTemplateValidationTest {
    private static final String FILE = "bad/com/acme/bad/KeyTemplates.java";
    private static Compilation c;

    @BeforeAll
    static void compile() {
        c = Compilations.compile(FILE);
        assertThat(c).failed();
    }

    @Test
    void key_unknownParameter() {
        String file = "bad/com/acme/bad/UserRepository.java";
        Compilation repository = Compilations.compile(file);
        // The caret is on the key attribute, the line after the annotation's start.
        Diagnose.error(repository, file, "key = \"{userId}\")", "[CachedUnknownKeyParameter] @Cached(key = "
                + "\"{userId}\") on UserRepository.findById(long id): no parameter named \"userId\"; parameters are: id. "
                + "Did you mean \"id\"?");
    }

    @Test
    void key_unknownParameterOfMethodWithoutParameters() {
        Diagnose.error(c, FILE, "operation = \"noParameters\"", "[CachedUnknownKeyParameter] @Cached(key = \"{id}\") "
                + "on KeyTemplates.noParameters(): no parameter named \"id\"; the method has no parameters.");
    }

    @Test
    void key_unknownProperty() {
        Diagnose.error(c, FILE, "key = \"{request.modle}\"", "[CachedUnknownKeyProperty] @Cached(key = "
                + "\"{request.modle}\") on KeyTemplates.unknownProperty(KeyTemplates.Request request): in "
                + "{request.modle}, KeyTemplates.Request has no property \"modle\"", "its properties are: model, text. "
                + "Did you mean \"model\"?");
    }

    @Test
    void key_privateFieldProperty() {
        Diagnose.error(c, FILE, "key = \"{account.secret}\"", "[CachedUnknownKeyProperty]",
                "its properties are: owner, region.", "(\"secret\" exists but is private; make it package-private or "
                + "wider, or add a getter)");
    }

    @Test
    void key_propertyOfPrimitive() {
        Diagnose.error(c, FILE, "key = \"{id.value}\"", "[CachedUnknownKeyProperty]",
                "long has no property \"value\"", "it has no properties.");
    }

    @Test
    void key_unclosedPlaceholder() {
        Diagnose.error(c, FILE, "key = \"{id\"", "[CachedMalformedKey] @Cached(key = \"{id\") on "
                + "KeyTemplates.unclosed(long id): unclosed '{' at index 0; close the placeholder, such as {id}");
    }

    @Test
    void key_strayClosingBrace() {
        Diagnose.error(c, FILE, "key = \"id}\"", "[CachedMalformedKey]", "'}' at index 2 closes no placeholder");
    }

    @Test
    void key_emptyPlaceholder() {
        Diagnose.error(c, FILE, "key = \"user:{}\"", "[CachedMalformedKey]", "empty placeholder {} at index 5");
    }

    @Test
    void key_placeholderNotAName() {
        Diagnose.error(c, FILE, "key = \"{1st}\"", "[CachedMalformedKey]",
                "placeholder {1st} at index 0 is not a parameter name or a property path");
    }

    @Test
    void key_whitespaceInLiteralText() {
        Diagnose.error(c, FILE, "key = \"{id} {id}\"", "[CachedMalformedKey]",
                "a space at index 4 is not allowed in key text; literal text may hold letters, digits and "
                + ": _ - . / @ # =");
    }

    @Test
    void key_otherCharacterInLiteralText() {
        Diagnose.error(c, FILE, "key = \"{id}%\"", "[CachedMalformedKey]", "'%' at index 4 is not allowed");
    }

    @Test
    void key_wildcard() {
        Diagnose.error(c, FILE, "key = \"{id}:*\"", "[CachedKeyWildcard] @Cached(key = \"{id}:*\") on "
                + "KeyTemplates.wildcard(long id): '*' at index 5 is a pattern character");
    }

    @Test
    void key_backslash() {
        Diagnose.error(c, FILE, "key = \"a\\\\b\"", "[CachedKeyWildcard] @Cached(key = \"a\\\\b\")",
                "'\\' at index 1 is a pattern character");
    }

    @Test
    void key_withCacheKeyParameter() {
        Diagnose.error(c, FILE, "@CacheKey String region", "[CachedKeyWithCacheKey] @Cached(key = \"{id}\") on "
                + "KeyTemplates.withCacheKey(long id, String region): parameter \"region\" is marked @CacheKey, but "
                + "the key template already says which parameters make the key");
    }
}
