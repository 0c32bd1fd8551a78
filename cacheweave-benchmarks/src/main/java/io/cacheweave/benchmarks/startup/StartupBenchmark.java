package io.cacheweave.benchmarks.startup;

import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole-process wall time of {@link StartupApp} (start the JVM, call a cached method twice, exit), one process per
 * invocation, per {@code variant}:
 *
 * <ul>
 *   <li>{@code plain}: the Cacheweave application without the agent (its annotations do nothing): the baseline;</li>
 *   <li>{@code cacheweave}: the same with {@code -javaagent:cache-agent.jar} (memory tier only);</li>
 *   <li>{@code cacheweave-redis}: the same with {@code REDIS_URL} set (a {@code redis-server} of the benchmark's own);</li>
 *   <li>{@code spring-caffeine}, {@code spring-redis}: a Spring context with {@code @EnableCaching} over
 *       {@code CaffeineCacheManager} or {@code RedisCacheManager}, started and closed;</li>
 *   <li>{@code jetcache}: a JetCache Caffeine cache; {@code redisson}: a Redisson client, started and shut down.</li>
 * </ul>
 * Each invocation checks the process exited 0 and that its second call was a hit (one body run; two for
 * {@code plain}). Tear-down prints the median of the measured invocations ({@code [start-up] ... median}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class StartupBenchmark {
    @Param({"plain", "cacheweave", "cacheweave-redis", "spring-caffeine", "spring-redis", "jetcache", "redisson"})
    public String variant;

    private RedisServer server;
    private ProcessBuilder process;
    private String expectedOutput;
    private final List<Long> nanos = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("cache-agent.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (variant.startsWith("cacheweave")) {
            command.add("-javaagent:" + agentJar());
        }
        command.addAll(List.of("-cp", classPath, StartupApp.class.getName()));
        server = RedisServers.local();
        switch (variant) {
            case "plain", "cacheweave", "cacheweave-redis" -> command.add("cacheweave");
            case "spring-redis" -> command.addAll(List.of("spring-redis", server.url()));
            case "redisson" -> command.addAll(List.of("redisson", "redis://" + server.host() + ":" + server.port()));
            case "spring-caffeine", "jetcache" -> command.add(variant);
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
        process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().remove("REDIS_URL");
        process.environment().remove("CACHEWEAVE_REDIS_URL");
        if (variant.equals("cacheweave-redis")) {
            process.environment().put("REDIS_URL", server.url());
        }
        expectedOutput = "body runs: " + (variant.equals("plain") ? 2 : 1);
    }

    static Path agentJar() {
        Path agent = Path.of(System.getProperty("bench.agent.jar", "../cache-agent/target/cache-agent.jar"));
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("no agent jar at " + agent.toAbsolutePath() + "; build it first");
        }
        return agent.toAbsolutePath();
    }

    @Benchmark
    public int startAndExit() throws InterruptedException {
        long start = System.nanoTime();
        Process started;
        try {
            started = process.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String output;
        try {
            output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int exit = started.waitFor();
        nanos.add(System.nanoTime() - start);
        if (exit != 0 || !output.contains(expectedOutput)) {
            throw new IllegalStateException(variant + ": the application exited " + exit + " without printing '"
                    + expectedOutput + "':\n" + output);
        }
        return exit;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (nanos.size() > 1) {
                List<Long> measured = new ArrayList<>(nanos.subList(1, nanos.size())); // the first is the warm-up
                measured.sort(null);
                System.out.printf("%n[start-up] %s: median %.0f ms of %d runs %s%n", variant,
                        measured.get(measured.size() / 2) / 1e6, measured.size(),
                        measured.stream().map(n -> String.valueOf(n / 1_000_000)).toList());
            }
        } finally {
            server.close();
        }
    }
}
