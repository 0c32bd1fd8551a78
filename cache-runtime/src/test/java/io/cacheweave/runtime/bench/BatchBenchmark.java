package io.cacheweave.runtime.bench;

import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.RedisTierConfig;
import io.cacheweave.runtime.tier.SharedTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Reading {@value #KEYS} keys from Redis through {@link RedisTier}: one pipelined {@link RedisTier#getAll} against
 * {@value #KEYS} sequential {@link RedisTier#get} calls (each a {@code GET}+{@code PTTL} round trip), on the same keys
 * and values, against a {@code redis-server} process of its own (started per trial on a free port of 127.0.0.1).
 * Run with the {@code bench} profile, which adds {@code -prof gc} for B/op:
 *
 * <pre>
 * mvn -B -pl cache-runtime -Pbench verify -Dbench.args="BatchBenchmark -f 1 -wi 2 -i 3"
 * </pre>
 *
 * {@code paired} does one of each per operation, in alternating order, each timed with {@code System.nanoTime}; at the
 * end of each fork a line starting with {@code [batch] paired} gives, per measured iteration, sequential time divided
 * by {@code getAll} time and the mean microseconds of each, measured over the same moments of the run, so they hold up better than two separate
 * trials on a machine whose load changes.
 *
 * <p>{@code valueBytes}: 229 is the stored size of a small record (the {@code profile} value of the agent's
 * {@code SharedTierBenchmark}), 6354 that of 16 KiB of prose after zstd. Scores are per {@value #KEYS} keys.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class BatchBenchmark {
    /** Keys per operation. */
    static final int KEYS = 100;

    @Param({"229", "6354"})
    public int valueBytes;

    private RedisServer server;
    private RedisTier tier;
    private List<String> keys;

    @Setup(Level.Trial)
    public void setUp() {
        server = RedisServers.local();
        tier = RedisTier.connect(RedisTierConfig.of(server.url()));
        SplittableRandom random = new SplittableRandom(42);
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (int i = 0; i < KEYS; i++) {
            byte[] value = new byte[valueBytes];
            for (int b = 0; b < valueBytes; b++) {
                value[b] = (byte) random.nextInt(256);
            }
            values.put(server.key("bench-batch:item-" + String.format("%03d", i)), value);
        }
        tier.putAll(values, Duration.ofHours(1));
        keys = List.copyOf(values.keySet());
        Map<String, SharedTier.StoredValue> found = tier.getAll(keys);
        if (found.size() != KEYS || found.values().stream().anyMatch(v -> v.bytes().length != valueBytes)) {
            throw new IllegalStateException("getAll found " + found.size() + " of " + KEYS + " keys");
        }
        List<SharedTier.StoredValue> one = new ArrayList<>();
        for (String key : keys) {
            one.add(tier.get(key));
        }
        if (one.stream().anyMatch(v -> v == null || v.bytes().length != valueBytes)) {
            throw new IllegalStateException("get missed a key");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (tier != null) {
                tier.close();
            }
        } finally {
            server.close();
        }
    }

    @Benchmark
    public Map<String, SharedTier.StoredValue> getAllPipelined() {
        return tier.getAll(keys);
    }

    @Benchmark
    public void getSequential(Blackhole blackhole) {
        for (int i = 0; i < KEYS; i++) {
            blackhole.consume(tier.get(keys.get(i)));
        }
    }

    @Benchmark
    public void paired(Pair pair, Blackhole blackhole) {
        boolean getAllFirst = (pair.pairs & 1) == 0;
        long start = System.nanoTime();
        if (getAllFirst) {
            blackhole.consume(tier.getAll(keys));
        } else {
            getSequential(blackhole);
        }
        long middle = System.nanoTime();
        if (getAllFirst) {
            getSequential(blackhole);
        } else {
            blackhole.consume(tier.getAll(keys));
        }
        long end = System.nanoTime();
        pair.getAllNanos += getAllFirst ? middle - start : end - middle;
        pair.sequentialNanos += getAllFirst ? end - middle : middle - start;
        pair.pairs++;
    }

    /** The two sides of {@link #paired}, per iteration: mean microseconds of each and sequential divided by getAll. */
    @State(Scope.Thread)
    public static class Pair {
        long getAllNanos;
        long sequentialNanos;
        long pairs;
        private final StringBuilder ratios = new StringBuilder();

        @Setup(Level.Iteration)
        public void reset() {
            getAllNanos = 0;
            sequentialNanos = 0;
            pairs = 0;
        }

        @TearDown(Level.Iteration)
        public void record(IterationParams iteration) {
            if (iteration.getType() == IterationType.MEASUREMENT && pairs > 0) {
                ratios.append(String.format(" %.2f (%.0f/%.0f us)", sequentialToGetAll(), sequentialUs(), getAllUs()));
            }
        }

        @TearDown(Level.Trial)
        public void print() {
            if (ratios.length() > 0) {
                System.out.printf("%n[batch] paired sequential/getAll per measured iteration (sequential/getAll us):%s%n", ratios);
            }
        }

        double getAllUs() {
            return pairs == 0 ? 0 : getAllNanos / 1e3 / pairs;
        }

        double sequentialUs() {
            return pairs == 0 ? 0 : sequentialNanos / 1e3 / pairs;
        }

        double sequentialToGetAll() {
            return getAllNanos == 0 ? 0 : (double) sequentialNanos / getAllNanos;
        }
    }
}
