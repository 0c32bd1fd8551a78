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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *   <li>{@code cacheweave}: the same with {@code -javaagent:cache-agent.jar} (memory tier only), its woven class
 *       read from the agent's cache of woven classes (a directory of the trial's own, filled by the warm-up
 *       process);</li>
 *   <li>{@code cacheweave-cold}: the same with that cache off ({@code -Dcacheweave.agent.weave-cache=off}): the agent
 *       loads Byte Buddy and weaves, as at the first start of an application;</li>
 *   <li>{@code cacheweave-redis}: with the agent and {@code REDIS_URL} set (a {@code redis-server} of the benchmark's
 *       own): the application calls until a call reached Redis ({@link StartupApp}), so the time includes loading
 *       Lettuce, Netty and Jackson and connecting; the benchmark checks Redis holds that call's key;</li>
 *   <li>{@code spring-caffeine}, {@code spring-redis}: a Spring context with {@code @EnableCaching} over
 *       {@code CaffeineCacheManager} or {@code RedisCacheManager}, started and closed;</li>
 *   <li>{@code jetcache}: a JetCache Caffeine cache; {@code redisson}: a Redisson client, started and shut down.</li>
 * </ul>
 * Each invocation checks the process exited 0 and that its second call was a hit (one body run; two for
 * {@code plain}, whose method is not woven). Tear-down prints the median of the measured invocations
 * ({@code [start-up] ... median}), and for {@code cacheweave-redis} the median time from the first call to the
 * first call that reached Redis.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class StartupBenchmark {
    @Param({"plain", "cacheweave", "cacheweave-cold", "cacheweave-redis", "spring-caffeine", "spring-redis",
        "jetcache", "redisson"})
    public String variant;

    private static final Pattern REACHED_REDIS =
            Pattern.compile("redis: reached by call (\\d+) \\((\\d+) memory-only before it\\), (\\d+) ms after the first "
                    + "call; key (\\S+)");

    private RedisServer server;
    private ProcessBuilder process;
    private String expectedOutput;
    private Path weaveCache;
    private final List<Long> nanos = new ArrayList<>();
    private final List<Long> untilRedisMillis = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        String classPath = childClassPath();
        List<String> command = new ArrayList<>(List.of(java()));
        if (variant.startsWith("cacheweave")) {
            command.add("-javaagent:" + agentJar());
            try {
                weaveCache = Files.createTempDirectory("startup-weave-cache");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // a cache of woven classes of this trial's own (filled by the warm-up process), or none for the cold start
            command.add("-Dcacheweave.agent.weave-cache=" + (variant.equals("cacheweave-cold") ? "off" : weaveCache));
        }
        command.addAll(List.of("-cp", classPath, StartupApp.class.getName()));
        server = RedisServers.local();
        switch (variant) {
            case "plain", "cacheweave", "cacheweave-cold" -> command.add("cacheweave");
            case "cacheweave-redis" -> command.add("cacheweave-redis");
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

    /** @return this JVM's {@code java} launcher, for the child processes */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return this JVM's class path without the agent jar, which a child gets as {@code -javaagent} only */
    public static String childClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("cache-agent.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** @return the agent jar the forks run under ({@code bench.agent.jar}, else the cache-agent module's build) */
    public static Path agentJar() {
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
        if (variant.equals("cacheweave-redis")) {
            checkReachedRedis(exit, output);
        } else if (exit != 0 || !output.contains(expectedOutput)) {
            throw new IllegalStateException(variant + ": the application exited " + exit + " without printing '"
                    + expectedOutput + "':\n" + output);
        } else if (variant.equals("cacheweave") && isEmpty(weaveCache)) {
            throw new IllegalStateException(variant + ": the agent kept no woven class in " + weaveCache + ":\n"
                    + output);
        }
        return exit;
    }

    /**
     * {@code cacheweave-redis}: the application calls with new keys until one reached Redis; that call's body ran
     * once (as did each memory-only call before it), its key is in Redis now, and its second call was no load.
     */
    private void checkReachedRedis(int exit, String output) {
        Matcher reached = REACHED_REDIS.matcher(output);
        if (exit != 0 || !reached.find()) {
            throw new IllegalStateException(variant + ": the application exited " + exit + " without reaching Redis:\n"
                    + output);
        }
        int calls = Integer.parseInt(reached.group(1));
        String key = reached.group(4);
        if (!output.contains("body runs: " + calls + "\n") && !output.contains("body runs: " + calls + "\r")) {
            throw new IllegalStateException(variant + ": expected " + calls + " body runs (one per key):\n" + output);
        }
        if (server.keys("*" + key).isEmpty()) {
            throw new IllegalStateException(variant + ": Redis holds no entry for " + key + ", which the application "
                    + "says reached it:\n" + output);
        }
        untilRedisMillis.add(Long.parseLong(reached.group(3)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            List<Long> measured = measured(nanos);
            if (!measured.isEmpty()) {
                System.out.printf("%n[start-up] %s: median %.0f ms of %d runs %s%n", variant, median(measured) / 1e6,
                        measured.size(), measured.stream().map(n -> String.valueOf(n / 1_000_000)).toList());
            }
            List<Long> untilRedis = measured(untilRedisMillis);
            if (!untilRedis.isEmpty()) {
                System.out.printf("[start-up] %s: first call that reached Redis, median %d ms after the first call %s%n",
                        variant, median(untilRedis), untilRedis);
            }
        } finally {
            server.close();
            deleteWeaveCache();
        }
    }

    /** @return the measured values of a single-shot trial, sorted: all but the first, which is the warm-up's */
    public static List<Long> measured(List<Long> all) {
        List<Long> measured = new ArrayList<>(all.subList(Math.min(1, all.size()), all.size()));
        measured.sort(null);
        return measured;
    }

    /** @return the median of sorted, non-empty {@code values} (the upper one of an even count) */
    public static long median(List<Long> values) {
        return values.get(values.size() / 2);
    }

    private static boolean isEmpty(Path directory) {
        try (var files = Files.list(directory)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteWeaveCache() {
        if (weaveCache == null) {
            return;
        }
        try (var files = Files.walk(weaveCache)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
