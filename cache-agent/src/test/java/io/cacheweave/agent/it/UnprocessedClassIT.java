package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.annotations.Cached;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class with {@code @Cached} compiled without the processor: it runs uncached, and the agent says once what to
 * fix.
 */
class UnprocessedClassIT {

    @Test
    void classCompiledWithoutProcessor_runsUncached_andIsReportedOnce(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/plain/Plain.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package plain;
                public class Plain {
                    public int runs;
                    @io.cacheweave.annotations.Cached(operation = "plain")
                    public String get(String id) { runs++; return "v:" + id; }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String annotations = Path.of(Cached.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-proc:none", "-cp", annotations, "-d", classes.toString(),
                source.toString());
        assertEquals(0, status, "test source must compile");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                UnprocessedClassIT.class.getClassLoader())) {
            Class<?> plain = loader.loadClass("plain.Plain");
            Object instance = plain.getConstructor().newInstance();
            Method get = plain.getMethod("get", String.class);
            for (int i = 0; i < 3; i++) {
                assertEquals("v:a", get.invoke(instance, "a"));
            }
            assertEquals(3, plain.getField("runs").getInt(instance), "the method must run uncached");
        } finally {
            System.setErr(originalErr);
        }
        List<String> reports = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("plain.Plain has @Cached methods but was compiled without")).toList();
        assertEquals(1, reports.size(), "expected one report, got: " + err);
        assertTrue(reports.get(0).contains("cache-processor"), reports.get(0));
    }
}
