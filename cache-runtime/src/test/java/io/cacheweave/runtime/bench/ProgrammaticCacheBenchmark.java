package io.cacheweave.runtime.bench;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.CacheClock;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * A memory-tier hit through the programmatic {@link Cache} (memory tier only), against raw Caffeine with the same
 * shape (variable expiry, the coarse clock): what key rendering, the deadline check and the counters add. Keys are
 * rotated over 1024 entries; the memory tier is keyed by the rendered text, so a key with characters to escape
 * costs one copy per call.
 *
 * <pre>
 * mvn -B -pl cache-runtime -am -Pbench verify -Dbench.args="ProgrammaticCacheBenchmark -f 2 -wi 3 -i 5"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ProgrammaticCacheBenchmark {
    private static final int KEYS = 1024;

    /** {@code plain}: keys with nothing to escape ({@code user-42-profile}); {@code escaped}: {@code user:42:x}. */
    @org.openjdk.jmh.annotations.Param({"plain", "escaped"})
    public String keyShape;

    private final String[] keys = new String[KEYS];
    private CacheRuntime runtime;
    private Cache<String, String> cache;
    private com.github.benmanes.caffeine.cache.Cache<String, String> raw;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = CacheRuntime.builder().settings(Settings.builder().build()).build();
        cache = runtime.<String, String>cacheBuilder("bench").valueType(String.class).build();
        CacheClock clock = CacheClock.coarse();
        raw = Caffeine.newBuilder().executor(Runnable::run).maximumSize(10_000).ticker(clock::nanos)
                .expireAfter(Expiry.<String, String>creating((k, v) -> Duration.ofHours(1))).build();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = keyShape.equals("plain") ? "user-" + i + "-profile" : "user:" + i + ":profile";
            cache.put(keys[i], "value " + i);
            raw.put(keys[i], "value " + i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (cache.get(keys[0]) == null || cache.async().get(keys[1]).getNow(null) == null) {
            throw new IllegalStateException("the benchmark must measure hits");
        }
        runtime.close();
    }

    private String nextKey() {
        return keys[next++ & (KEYS - 1)];
    }

    @Benchmark
    public String rawCaffeineVariableExpiry() {
        return raw.getIfPresent(nextKey());
    }

    @Benchmark
    public String cacheGet() {
        return cache.get(nextKey());
    }

    @Benchmark
    public String cacheGetOrLoad() {
        return cache.getOrLoad(nextKey(), k -> "loaded");
    }

    @Benchmark
    public Object asyncGet() {
        return cache.async().get(nextKey());
    }
}
