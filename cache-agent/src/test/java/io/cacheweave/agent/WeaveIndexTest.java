package io.cacheweave.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeaveIndexTest {

    @Test
    void parse_readsCachedAndInvalidateLines_andSkipsComments() throws Exception {
        String index = """
                # Cacheweave index, format 1
                cached com.acme.TextService summarize (Ljava/lang/String;)Lcom/acme/Summary; com.acme.TextService_CacheweaveKeys CACHED_summarize_0

                invalidate com.acme.TextService$Inner reset ()V com.acme.TextService_Inner_CacheweaveKeys INVALIDATE_reset_0
                """;
        List<WeaveIndex.Entry> entries = WeaveIndex.parse(stream(index), "test");

        assertEquals(List.of(
                new WeaveIndex.Entry(WeaveIndex.Kind.CACHED, "com.acme.TextService", "summarize",
                        "(Ljava/lang/String;)Lcom/acme/Summary;", "com.acme.TextService_CacheweaveKeys",
                        "CACHED_summarize_0"),
                new WeaveIndex.Entry(WeaveIndex.Kind.INVALIDATE, "com.acme.TextService$Inner", "reset", "()V",
                        "com.acme.TextService_Inner_CacheweaveKeys", "INVALIDATE_reset_0")), entries);
    }

    @Test
    void parse_invalidateKinds_sayWhenInvalidationsRun() throws Exception {
        String index = """
                invalidate-before com.acme.A reset ()V com.acme.A_CacheweaveKeys INVALIDATE_reset_0
                invalidate-both com.acme.A close (J)V com.acme.A_CacheweaveKeys INVALIDATE_close_1
                """;
        List<WeaveIndex.Entry> entries = WeaveIndex.parse(stream(index), "test");

        assertEquals(List.of(WeaveIndex.Kind.INVALIDATE_BEFORE, WeaveIndex.Kind.INVALIDATE_BOTH),
                entries.stream().map(WeaveIndex.Entry::kind).toList());
    }

    @Test
    void parse_malformedLine_isSkippedWithAWarningNamingTheLine() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        List<WeaveIndex.Entry> entries;
        try {
            entries = WeaveIndex.parse(stream("cached com.acme.A only-three\n"), "jar:index");
        } finally {
            System.setErr(original);
        }
        assertTrue(entries.isEmpty());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("jar:index:1: not an index line"), err.toString());
    }

    @Test
    void of_bootstrapLoader_isEmpty() {
        assertTrue(WeaveIndex.of(null).entries("java.lang.String").isEmpty());
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
