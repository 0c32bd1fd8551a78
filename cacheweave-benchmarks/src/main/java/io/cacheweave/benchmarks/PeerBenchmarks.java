package io.cacheweave.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark of this module in one JMH run (see BENCHMARKS.md), each fork under
 * {@code -javaagent:<cache-agent.jar>} (Cacheweave's woven methods; the peers are plain libraries and ignore it) with
 * {@code -prof gc}. JMH command-line options pass through, for example {@code -f 1 -wi 2 -i 3}, a benchmark pattern
 * such as {@code RedisHitBenchmark}, or {@code -p unrelatedKeys=1000000}.
 */
public final class PeerBenchmarks {
    private PeerBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Path.of(System.getProperty("bench.agent.jar", "../cache-agent/target/cache-agent.jar"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("no agent jar at " + agent + "; build it first (mvn -B -pl "
                    + "cacheweave-benchmarks -am -DskipTests package)");
        }
        // The agent reaches the forks only as the jar users get: its own classes and Byte Buddy stay off the path.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').contains("/cache-agent/target/"))
                .filter(entry -> !entry.replace('\\', '/').contains("/net/bytebuddy/"))
                .filter(entry -> !entry.replace('\\', '/').contains("/cache-processor/"))
                .collect(Collectors.joining(File.pathSeparator));
        System.setProperty("java.class.path", classPath); // what JMH gives its forks

        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(commandLine);
        if (commandLine.getIncludes().isEmpty()) {
            builder.include("io\\.cacheweave\\.benchmarks\\..*");
        }
        Options options = builder
                .jvmArgsAppend("-javaagent:" + agent, "-Dbench.agent.jar=" + agent)
                .addProfiler(GCProfiler.class)
                .build();
        new Runner(options).run();
    }
}
