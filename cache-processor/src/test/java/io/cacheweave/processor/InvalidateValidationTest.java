package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors and warnings of {@code @Invalidate}, each on the attribute at fault. */
class InvalidateValidationTest {
    private static final String FILE = "bad/com/acme/bad/Invalidations.java";
    private static final String TARGETS = "bad/com/acme/bad/UnknownTargets.java";
    private static Compilation c;
    private static Compilation targets;

    @BeforeAll
    static void compile() {
        c = Compilations.compile(FILE);
        targets = Compilations.compile(TARGETS);
        assertThat(c).failed();
        assertThat(targets).succeeded();
    }

    @Test
    void invalidate_neitherPatternNorOperation() {
        Diagnose.error(c, FILE, "// neither", "[InvalidateNoTarget] @Invalidate on Invalidations.neither(): give "
                + "exactly one of pattern and operation");
    }

    @Test
    void invalidate_bothPatternAndOperation() {
        Diagnose.error(c, FILE, "// both", "[InvalidateBothTargets] @Invalidate(pattern = "
                + "\"analysis:*\", operation = \"analysis\") on Invalidations.both(): give exactly one of pattern and "
                + "operation, not both");
    }

    @Test
    void pattern_unknownParameter() {
        Diagnose.error(c, FILE, "pattern = \"analysis:{user}\"", "[InvalidateUnknownParameter] @Invalidate(pattern = "
                + "\"analysis:{user}\") on Invalidations.unknownParameter(String userId): no parameter named \"user\"; "
                + "parameters are: userId. Did you mean \"userId\"?");
    }

    @Test
    void pattern_unknownProperty() {
        Diagnose.error(c, FILE, "pattern = \"analysis:{request.name}\"", "[InvalidateUnknownProperty]",
                "Invalidations.Request has no property \"name\"", "its properties are: model. Did you mean \"model\"?");
    }

    @Test
    void pattern_unclosedPlaceholder() {
        Diagnose.error(c, FILE, "pattern = \"analysis:{user\"", "[InvalidateMalformedPattern] @Invalidate(pattern = "
                + "\"analysis:{user\") on Invalidations.unclosedPlaceholder(String user): unclosed '{' at index 9");
    }

    @Test
    void pattern_unclosedCharacterSet() {
        Diagnose.error(c, FILE, "pattern = \"analysis:[ab\"", "[InvalidateMalformedPattern]",
                "unclosed '[' at index 9; close the character set with ']', or escape the bracket as \\[");
    }

    @Test
    void pattern_trailingBackslash() {
        Diagnose.error(c, FILE, "pattern = \"analysis:x\\\\\"", "[InvalidateMalformedPattern]",
                "trailing '\\' at index 10 escapes nothing");
    }

    @Test
    void operation_holdingPatternCharacters() {
        Diagnose.error(c, FILE, "operation = \"analysis:*\"", "[InvalidateInvalidOperation] @Invalidate(operation = "
                + "\"analysis:*\") on Invalidations.operationWithPattern(): an operation name cannot contain",
                "use pattern = \"analysis:*\" instead");
    }

    @Test
    void repeated_errorOnTheAnnotationAsWritten() {
        Diagnose.error(c, FILE, "pattern = \"analysis:{nope}\"", "[InvalidateUnknownParameter] @Invalidate(pattern = "
                + "\"analysis:{nope}\") on Invalidations.repeated(String user): no parameter named \"nope\"");
    }

    @Test
    void operation_unknown() {
        Diagnose.warning(targets, TARGETS, "operation = \"sumarize\"", "[InvalidateUnknownOperation] "
                + "@Invalidate(operation = \"sumarize\") on UnknownTargets.typo(): no @Cached method of this "
                + "compilation has operation \"sumarize\", so this may remove nothing; known operations are: summarize. "
                + "Did you mean \"summarize\"?");
    }

    @Test
    void pattern_unknownOperationPrefix() {
        Diagnose.warning(targets, TARGETS, "pattern = \"summarise:*\"", "[InvalidateUnknownOperation] "
                + "@Invalidate(pattern = \"summarise:*\") on UnknownTargets.patternTypo(): no @Cached method of this "
                + "compilation has operation \"summarise\"");
    }

    @Test
    void pattern_wildcardPrefixAndKnownOperationAreNotWarned() {
        assertThat(targets).hadWarningCount(2);
    }
}
