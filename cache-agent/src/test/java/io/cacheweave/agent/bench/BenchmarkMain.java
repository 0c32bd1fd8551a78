package io.cacheweave.agent.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link HitPathBenchmark} with {@code -prof gc}, each fork under {@code -javaagent:<cache-agent.jar>} and
 * without the agent's unshaded classes on its class path, so the numbers are those of the jar users get. JMH
 * command-line options pass through (for example {@code -f 1 -wi 2 -i 3}); benchmark patterns among them (for example
 * {@code SharedTierBenchmark}, or {@code SharedTierBenchmark HitPathBenchmark}) run those benchmarks instead of
 * {@link HitPathBenchmark}. The environment variable {@code BENCH_JVM_ARGS} adds JVM options to every fork (for
 * example {@code -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining}).
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Path.of(System.getProperty("bench.agent.jar", "target/cache-agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("no agent jar at " + agent + "; build it first (mvn package)");
        }
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').endsWith("cache-agent/target/classes"))
                .filter(entry -> !entry.replace('\\', '/').contains("/net/bytebuddy/"))
                .collect(Collectors.joining(File.pathSeparator));
        System.setProperty("java.class.path", classPath); // what JMH gives its forks

        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(commandLine);
        if (commandLine.getIncludes().isEmpty()) {
            builder.include(HitPathBenchmark.class.getName());
        }
        List<String> jvmArgs = new ArrayList<>(List.of("-javaagent:" + agent, "-Dbench.build-woven="
                + Path.of(System.getProperty("bench.build-woven", "target/build-woven-test-classes")).toAbsolutePath()));
        String extra = System.getenv("BENCH_JVM_ARGS"); // for example -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining
        if (extra != null && !extra.isBlank()) {
            jvmArgs.addAll(List.of(extra.trim().split("\\s+")));
        }
        Options options = builder
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .build();
        new Runner(options).run();
    }
}
