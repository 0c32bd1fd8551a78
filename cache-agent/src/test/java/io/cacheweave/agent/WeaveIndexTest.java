package io.cacheweave.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void entries_ofAClass_comeFromItsOwnCodeSource_withoutAskingTheClassLoader(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        write(classes.resolve(WeaveIndex.RESOURCE), LINE_A);
        Path jar = dir.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(WeaveIndex.RESOURCE));
            out.write(LINE_B.getBytes(StandardCharsets.UTF_8));
        }
        CountingLoader loader = new CountingLoader();

        List<WeaveIndex.Entry> a = WeaveIndex.entries(loader, domain(classes.toUri().toURL()), "com.acme.A");
        List<WeaveIndex.Entry> b = WeaveIndex.entries(loader, domain(jar.toUri().toURL()), "com.acme.B");

        assertEquals(List.of("findA"), a.stream().map(WeaveIndex.Entry::methodName).toList());
        assertEquals(List.of("findB"), b.stream().map(WeaveIndex.Entry::methodName).toList());
        assertEquals(0, loader.asked, "the class path's other indexes were not read");
    }

    @Test
    void entries_notListedBesideTheClass_areLookedUpInEveryIndexOfTheLoader(@TempDir Path dir) throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        write(elsewhere.resolve(WeaveIndex.RESOURCE), LINE_A);
        CountingLoader loader = new CountingLoader(elsewhere.toUri().toURL());

        List<WeaveIndex.Entry> noIndexThere = WeaveIndex.entries(loader, domain(dir.resolve("empty/").toUri().toURL()),
                "com.acme.A");
        List<WeaveIndex.Entry> noCodeSource = WeaveIndex.entries(loader, null, "com.acme.A");

        assertEquals(1, noIndexThere.size());
        assertEquals(noIndexThere, noCodeSource);
        assertEquals(1, loader.asked, "the loader's indexes are read once");
    }

    @Test
    void readLocation_ofSourcesWithoutAnIndex_orOfAnotherKind_isEmpty(@TempDir Path dir) throws Exception {
        assertTrue(WeaveIndex.readLocation(dir.toUri().toURL().toExternalForm()).entries("com.acme.A").isEmpty());
        assertTrue(WeaveIndex.readLocation(dir.resolve("missing.jar").toUri().toURL().toExternalForm())
                .entries("com.acme.A").isEmpty());
        assertTrue(WeaveIndex.readLocation("http://example.invalid/app.war").entries("com.acme.A").isEmpty());
    }

    private static final String LINE_A =
            "cached com.acme.A findA (Ljava/lang/String;)Ljava/lang/String; com.acme.A_CacheweaveKeys CACHED_findA_0\n";
    private static final String LINE_B =
            "cached com.acme.B findB (Ljava/lang/String;)Ljava/lang/String; com.acme.B_CacheweaveKeys CACHED_findB_0\n";

    /** A class loader that counts how often its resources are enumerated (the walk over the whole class path). */
    private static final class CountingLoader extends URLClassLoader {
        int asked;

        CountingLoader(URL... urls) {
            super(urls, null);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            asked++;
            return super.getResources(name);
        }
    }

    private static ProtectionDomain domain(URL location) {
        return new ProtectionDomain(new CodeSource(location, (CodeSigner[]) null), null);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
