package io.cacheweave.agent.bench;

import io.cacheweave.agent.BuildTimeWeaver;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The build-time weave step over {@value #CLASSES} generated classes, each with two {@code @Cached} methods and
 * one {@code @Invalidate} method, compiled once with the processor at set-up: one weave per invocation into a
 * fresh output directory (the whole step: checks, engine, move). Run with {@link BenchmarkMain}:
 * {@code -Dbench.args="WeaveBenchmark"}; target under 5 s on 2 cores.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class WeaveBenchmark {
    static final int CLASSES = 1000;
    private Path root;
    private Path classes;
    private List<Path> classPath;
    private int round;

    @Setup(Level.Trial)
    public void compile() throws IOException {
        root = Files.createTempDirectory("cacheweave-weave-bench");
        Path sources = root.resolve("src/bench/generated");
        Files.createDirectories(sources);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < CLASSES; i++) {
            Path file = sources.resolve("Service" + i + ".java");
            Files.writeString(file, """
                    package bench.generated;
                    import io.cacheweave.annotations.Cached;
                    import io.cacheweave.annotations.Invalidate;
                    public class Service%1$d {
                        @Cached(operation = "op%1$d-a", ttl = 60)
                        public String a(String id) { return id + "%1$d"; }
                        @Cached(operation = "op%1$d-b", ttl = 60)
                        public int b(String id, int n) { return id.length() + n; }
                        @Invalidate(operation = "op%1$d-a")
                        public void reset() { }
                    }
                    """.formatted(i));
            args.add(file.toString());
        }
        classes = Files.createDirectories(root.resolve("classes"));
        String cp = System.getProperty("java.class.path");
        args.addAll(0, List.of("-d", classes.toString(), "-cp", cp)); // the processor is found on the class path
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("generated sources did not compile");
        }
        classPath = Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.isBlank()).map(Path::of)
                .filter(Files::exists).toList();
    }

    @Benchmark
    public BuildTimeWeaver.Result weaveThousandClasses() throws Exception {
        BuildTimeWeaver.Result result = BuildTimeWeaver.weave(classes, classPath, root.resolve("out" + round++));
        if (result.woven() != CLASSES) {
            throw new IllegalStateException("wove " + result.woven() + " classes, expected " + CLASSES);
        }
        return result;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
