package io.cacheweave.benchmarks.redis;

import io.cacheweave.benchmarks.startup.StartupBenchmark;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * How soon the calls of a running application reach a Redis that is back after an outage (issue 14, item 2: "the
 * first call that hits Redis within 50 ms of it being reachable"). Each invocation's set-up starts {@link OutageApp}
 * (under the agent, {@code REDIS_URL} at a {@code redis-server} of the benchmark's own, a call every millisecond),
 * waits until its calls write to Redis, stops the server, and waits {@code outageMillis}. The measured time is from
 * starting the server again on the same port until the application reports the first call that wrote to it; the
 * invocation then checks Redis holds that call's key or a later call's (see {@link #checkWritten}). Tear-down prints the median and, separately, the median time from
 * the server answering {@code PING} (reachable) to that call.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class RedisReturnBenchmark {
    @Param({"1000", "6000"})
    public long outageMillis;

    private RedisServer server;
    private ProcessBuilder process;
    private Process app;
    private BufferedReader appOutput;
    private long reachableNanos;
    private final List<Long> fromReachable = new ArrayList<>();
    private final List<Long> fromRestart = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUpTrial() {
        server = RedisServers.local();
        process = new ProcessBuilder(StartupBenchmark.java(), "-javaagent:" + StartupBenchmark.agentJar(), "-cp",
                StartupBenchmark.childClassPath(), OutageApp.class.getName()).redirectErrorStream(true);
        process.environment().remove("CACHEWEAVE_REDIS_URL");
        process.environment().put("REDIS_URL", server.url());
    }

    @Setup(Level.Invocation)
    public void startAppThenStopRedis() throws InterruptedException {
        server.start(); // running already, except after a failed invocation
        try {
            app = process.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        appOutput = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        awaitLine("connected");
        server.stop();
        send("down");
        awaitLine("noted");
        Thread.sleep(outageMillis);
    }

    @Benchmark
    public String restartRedis() {
        long restart = System.nanoTime();
        server.start(); // returns once the server answers PING
        reachableNanos = System.nanoTime();
        String key = awaitLine("back ").substring("back ".length());
        long back = System.nanoTime();
        fromRestart.add(back - restart);
        fromReachable.add(back - reachableNanos);
        checkWritten(key);
        return key;
    }

    /**
     * The restarted server (empty when it started) holds that call's entry, or, within 10 s, the entry of a later
     * call: the first write after an outage may be deleted again at once, when the invalidation bus, subscribed
     * again, reports that messages were lost and this node drops what it loaded meanwhile.
     */
    private void checkWritten(String key) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.keys("*" + key).isEmpty() && server.keys("*outage-*").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis holds no entry of the application's calls after " + key
                        + ", which the application says it wrote");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @TearDown(Level.Invocation)
    public void stopApp() throws InterruptedException {
        if (app != null) {
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
            app = null;
        }
    }

    @TearDown(Level.Trial)
    public void tearDownTrial() {
        try {
            print("from the restart", fromRestart);
            print("from PING answered", fromReachable);
        } finally {
            server.close();
        }
    }

    private void print(String what, List<Long> nanos) {
        List<Long> measured = StartupBenchmark.measured(nanos);
        if (!measured.isEmpty()) {
            System.out.printf("%n[redis back] outage %d ms, %s: median %.1f ms of %d %s%n", outageMillis, what,
                    StartupBenchmark.median(measured) / 1e6, measured.size(),
                    measured.stream().map(n -> String.format("%.1f", n / 1e6)).toList());
        }
    }

    private void send(String line) {
        try {
            OutputStream in = app.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the first line of the application's output that starts with {@code prefix}; fails on its exit */
    private String awaitLine(String prefix) {
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = appOutput.readLine(); line != null; line = appOutput.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the application ended without printing '" + prefix + "':\n" + seen);
    }
}
