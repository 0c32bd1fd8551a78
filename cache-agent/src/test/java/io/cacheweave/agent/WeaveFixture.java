package io.cacheweave.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles sources for the build-time weaver's tests, with or without the Cacheweave processor. */
final class WeaveFixture {
    static final String SERVICE = """
            package shop;
            import io.cacheweave.annotations.Cached;
            import io.cacheweave.annotations.Invalidate;
            public class PriceService {
                public int runs;
                @Cached(operation = "weave-test-price")
                public String price(String sku) { runs++; return "price:" + sku; }
                @Invalidate(operation = "weave-test-price")
                public void reprice() { }
            }
            """;

    private WeaveFixture() {
    }

    /** @return the test JVM's class path: the runtime, the annotations and the processor among it */
    static List<Path> classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank()).map(Path::of).filter(Files::exists).toList();
    }

    /** Compiles {@code source} (class {@code name}) into {@code classes}. */
    static Path compile(Path dir, String name, String source, boolean processor) throws Exception {
        Path file = dir.resolve("src").resolve(name.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path")));
        if (!processor) {
            args.add("-proc:none");
        }
        args.add(file.toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "test source must compile");
        return classes;
    }
}
