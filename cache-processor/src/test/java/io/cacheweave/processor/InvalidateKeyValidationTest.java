package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors and warnings of {@code @Invalidate(key = ...)}, each on the attribute at fault. */
class InvalidateKeyValidationTest {
    private static final String FILE = "bad/com/acme/bad/InvalidateKeys.java";
    private static final String SHAPES = "bad/com/acme/bad/InvalidateKeyShapes.java";
    private static Compilation c;
    private static Compilation shapes;

    @BeforeAll
    static void compile() {
        c = Compilations.compile(FILE);
        shapes = Compilations.compile(SHAPES);
        assertThat(c).failed();
        assertThat(shapes).succeeded();
    }

    @Test
    void key_withoutOperation() {
        Diagnose.error(c, FILE, "// without operation", "[InvalidateKeyWithoutOperation] @Invalidate(key = \"{id}\") "
                + "on InvalidateKeys.withoutOperation(String id): key names one entry of an operation, so it needs "
                + "operation; add operation = \"...\"");
    }

    @Test
    void key_withPattern() {
        Diagnose.error(c, FILE, "// with pattern", "[InvalidateKeyWithPattern] @Invalidate(pattern = \"account:*\", "
                + "key = \"{id}\") on InvalidateKeys.withPattern(String id): key cannot be combined with pattern");
    }

    @Test
    void key_wildcard() {
        Diagnose.error(c, FILE, "// wildcard", "[InvalidateKeyWildcard] @Invalidate(operation = \"account\", "
                + "key = \"{id}*\") on InvalidateKeys.wildcard(String id): '*' at index 4 is a pattern character");
    }

    @Test
    void key_malformed() {
        Diagnose.error(c, FILE, "// malformed", "[InvalidateMalformedKey] @Invalidate(operation = \"account\", "
                + "key = \"{id\") on InvalidateKeys.malformed(String id): unclosed '{' at index 0");
    }

    @Test
    void key_unknownParameter() {
        Diagnose.error(c, FILE, "// unknown parameter", "[InvalidateUnknownParameter] @Invalidate(operation = "
                + "\"account\", key = \"{ident}\") on InvalidateKeys.unknownParameter(String id): no parameter named "
                + "\"ident\"; parameters are: id.");
    }

    @Test
    void key_errorsOnly() {
        assertThat(c).hadErrorCount(5);
    }

    @Test
    void key_fewerPartsThanTheCachedTemplate() {
        Diagnose.warning(shapes, SHAPES, "// one part of two", "[InvalidateKeyShapeMismatch] @Invalidate(operation = "
                + "\"statement\", key = \"{user}\") on InvalidateKeyShapes.tooShort(String user): the key has 1 "
                + "part(s), but the keys of InvalidateKeyShapes.statement(String user, int year), which has "
                + "operation \"statement\", have 2 (key = \"{user}:{year}\"), so this may remove nothing; write the "
                + "key in the same form, such as key = \"{user}:{year}\"");
    }

    @Test
    void key_morePartsThanTheCachedParameters() {
        Diagnose.warning(shapes, SHAPES, "// three parts of two", "[InvalidateKeyShapeMismatch]",
                "the key has 3 part(s), but the keys of InvalidateKeyShapes.balance(String user, String currency), "
                + "which has operation \"balance\", have 2 (the parameters user, currency)",
                "such as key = \"{user}:{currency}\"");
    }

    @Test
    void key_sameFormIsNotWarned() {
        assertThat(shapes).hadWarningCount(2);
    }
}
