package io.cacheweave.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.woven.WovenAtBuildTime;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildTimeWeaverTest {
    private static final String PRICE_CLASS = "shop/PriceService.class";

    @Test
    void weave_wovenClassIsCachedWithoutAnAgent_andReferencesOnlyTheRuntime(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, true);
        Path output = dir.resolve("woven");

        BuildTimeWeaver.Result result = BuildTimeWeaver.weave(classes, WeaveFixture.classPath(), output);

        assertEquals(new BuildTimeWeaver.Result(1, 0), result);
        assertTrue(Files.exists(output.resolve(WeaveIndex.RESOURCE)), "resources are copied along");
        String constants = new String(Files.readAllBytes(output.resolve(PRICE_CLASS)), StandardCharsets.ISO_8859_1);
        assertTrue(constants.contains("io/cacheweave/runtime/woven/CachedMethod"), "the advice is inlined");
        assertFalse(constants.contains("net/bytebuddy"), "woven code must not need Byte Buddy");
        assertFalse(constants.contains("io/cacheweave/agent"), "woven code must not need the agent");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {output.toUri().toURL()},
                BuildTimeWeaverTest.class.getClassLoader())) {
            Class<?> type = loader.loadClass("shop.PriceService");
            assertTrue(type.isAnnotationPresent(io.cacheweave.runtime.woven.WovenAtBuildTime.class));
            Object service = type.getConstructor().newInstance();
            Method price = type.getMethod("price", String.class);
            for (int i = 0; i < 3; i++) {
                assertEquals("price:a", price.invoke(service, "a"));
            }
            assertEquals(1, type.getField("runs").getInt(service), "the second and third calls must be hits");
        }
    }

    @Test
    void weave_inPlaceTwice_leavesWovenClassesAlone(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, true);
        assertEquals(new BuildTimeWeaver.Result(1, 0), BuildTimeWeaver.weave(classes, WeaveFixture.classPath(), classes));
        byte[] once = Files.readAllBytes(classes.resolve(PRICE_CLASS));

        assertEquals(new BuildTimeWeaver.Result(0, 1), BuildTimeWeaver.weave(classes, WeaveFixture.classPath(), classes));
        assertArrayEquals(once, Files.readAllBytes(classes.resolve(PRICE_CLASS)));
        assertEquals(List.of("classes", "src"), children(dir), "no temporary directory is left behind");
    }

    @Test
    void weave_classCompiledWithoutTheProcessor_failsNamingTheClassAndTheCauses(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, false);
        byte[] before = Files.readAllBytes(classes.resolve(PRICE_CLASS));

        WeaveFailure failure = assertThrows(WeaveFailure.class,
                () -> BuildTimeWeaver.weave(classes, WeaveFixture.classPath(), classes));

        assertEquals(1, failure.problems().size(), failure.getMessage());
        String problem = failure.problems().get(0);
        assertTrue(problem.startsWith("shop.PriceService has @Cached or @Invalidate methods but no generated key "
                + "builder"), problem);
        assertTrue(problem.contains("<annotationProcessorPaths>"), problem);
        assertTrue(problem.contains("older than 3.5"), problem);
        assertTrue(problem.contains("annotation processing was skipped"), problem);
        assertArrayEquals(before, Files.readAllBytes(classes.resolve(PRICE_CLASS)), "input must be unchanged");
        assertEquals(List.of("classes", "src"), children(dir), "no temporary directory is left behind");
    }

    @Test
    void weave_keyBuilderMissing_failsNamingIt_andWritesNoOutput(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, true);
        try (Stream<Path> files = Files.list(classes.resolve("shop"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().contains("Cacheweave")).toList()) {
                Files.delete(f);
            }
        }
        Path output = dir.resolve("woven");

        WeaveFailure failure = assertThrows(WeaveFailure.class,
                () -> BuildTimeWeaver.weave(classes, WeaveFixture.classPath(), output));

        assertTrue(failure.getMessage().contains("the key builder shop.PriceService"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cache-processor on the annotation processor path"));
        assertFalse(Files.exists(output), "a failed weave writes no output");
    }

    @Test
    void weave_missingClassPathEntry_failsNamingIt(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, true);
        List<Path> classPath = new ArrayList<>(WeaveFixture.classPath());
        Path missing = dir.resolve("lib/gone.jar");
        classPath.add(missing);

        WeaveFailure failure = assertThrows(WeaveFailure.class,
                () -> BuildTimeWeaver.weave(classes, classPath, classes));

        assertEquals(List.of("class path entry " + missing + " does not exist; pass the class path the classes "
                + "were compiled against (directories and jars, separated by ':')"), failure.problems());
    }

    @Test
    void weave_classFileOfANewerJava_failsNamingTheFileAndTheVersions(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, true);
        Path file = classes.resolve(PRICE_CLASS);
        byte[] bytes = Files.readAllBytes(file);
        int newer = Runtime.version().feature() + 4;
        bytes[6] = (byte) ((newer + 44) >> 8);
        bytes[7] = (byte) (newer + 44);
        Files.write(file, bytes);

        WeaveFailure failure = assertThrows(WeaveFailure.class,
                () -> BuildTimeWeaver.weave(classes, WeaveFixture.classPath(), classes));

        assertEquals(List.of(file + ": compiled for Java " + newer + " (class file version " + (newer + 44)
                + "), newer than the Java " + Runtime.version().feature() + " this build runs on; run the build on "
                + "Java " + newer + " or newer, or compile for an older release (maven.compiler.release)"),
                failure.problems());
    }

    @Test
    void weave_cutShortOrForeignClassFiles_failNamingEachFile(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, true);
        Path file = classes.resolve(PRICE_CLASS);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path foreign = classes.resolve("shop/Notes.class");
        Files.writeString(foreign, "not a class");

        WeaveFailure failure = assertThrows(WeaveFailure.class,
                () -> BuildTimeWeaver.weave(classes, WeaveFixture.classPath(), classes));

        List<String> problems = failure.problems().stream().sorted().toList();
        assertEquals(2, problems.size(), failure.getMessage());
        assertTrue(problems.get(0).startsWith(foreign + ": is not a class file"), problems.get(0));
        assertTrue(problems.get(1).startsWith(file + ": is cut short or corrupt"), problems.get(1));
    }

    @Test
    void weave_withoutTheRuntimeOnTheClassPath_failsNamingIt(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, true);

        WeaveFailure failure = assertThrows(WeaveFailure.class,
                () -> BuildTimeWeaver.weave(classes, List.of(), classes));

        assertTrue(failure.getMessage().contains("io.cacheweave:cache-runtime is not on the class path"),
                failure.getMessage());
    }

    private static List<String> children(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
