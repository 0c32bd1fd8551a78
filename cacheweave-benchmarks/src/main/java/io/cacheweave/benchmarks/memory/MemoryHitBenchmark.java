package io.cacheweave.benchmarks.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cacheweave.benchmarks.Workload;
import io.cacheweave.runtime.Cacheweave;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A memory hit of a cached method with one and with two {@code String} arguments, per peer, next to the baseline
 * {@code rawCaffeine} ({@code getIfPresent} on a size-bounded Caffeine cache). {@link MemoryHitTwoThreadsBenchmark}
 * runs the same on two threads. Set-up calls every method once (a miss: the body runs) and checks a second call is a
 * hit; tear-down fails the trial if any body ran during the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class MemoryHitBenchmark {
    private static final String KEY = "user-42";
    private static final String VARIANT = "en-GB";

    private final Workload work = new Workload();
    private Cache<String, String> raw;
    private CacheweaveMemoryService cacheweave;
    private AnnotationConfigApplicationContext spring;
    private SpringMemoryService springService;
    private JetCacheMemoryService jetCache;
    private long runsAfterSetUp;

    @Setup(Level.Trial)
    public void setUp() {
        raw = Caffeine.newBuilder().maximumSize(10_000).build();
        raw.put(KEY, Workload.text(KEY));
        cacheweave = new CacheweaveMemoryService(work);
        spring = SpringMemoryService.context(work);
        springService = spring.getBean(SpringMemoryService.class);
        jetCache = new JetCacheMemoryService(work);
        for (int call = 0; call < 2; call++) { // the first call of each method misses, the second must hit
            requireValue(cacheweave.one(KEY), Workload.text(KEY));
            requireValue(cacheweave.two(KEY, VARIANT), Workload.text(KEY + "/" + VARIANT));
            requireValue(springService.one(KEY), Workload.text(KEY));
            requireValue(springService.two(KEY, VARIANT), Workload.text(KEY + "/" + VARIANT));
            requireValue(jetCache.one(KEY), Workload.text(KEY));
            requireValue(jetCache.two(KEY, VARIANT), Workload.text(KEY + "/" + VARIANT));
        }
        if (work.runs() != 6) {
            throw new IllegalStateException("two calls of each of 6 cached methods ran " + work.runs()
                    + " bodies, not 6: a second call was not a hit (is cache-agent.jar attached?)");
        }
        if (Cacheweave.stats("peer-memory-one").isEmpty()) {
            throw new IllegalStateException("no statistics of peer-memory-one: the agent did not weave it");
        }
        runsAfterSetUp = work.runs();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            work.requireNoRunSince(runsAfterSetUp, "memory hit");
        } finally {
            spring.close();
        }
    }

    private static void requireValue(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("a cached method returned " + actual + " instead of " + expected);
        }
    }

    @Benchmark
    public String rawCaffeine() {
        return raw.getIfPresent(KEY);
    }

    @Benchmark
    public String cacheweaveOneArgument() {
        return cacheweave.one(KEY);
    }

    @Benchmark
    public String cacheweaveTwoArguments() {
        return cacheweave.two(KEY, VARIANT);
    }

    @Benchmark
    public String springCaffeineOneArgument() {
        return springService.one(KEY);
    }

    @Benchmark
    public String springCaffeineTwoArguments() {
        return springService.two(KEY, VARIANT);
    }

    @Benchmark
    public String jetCacheOneArgument() {
        return jetCache.one(KEY);
    }

    @Benchmark
    public String jetCacheTwoArguments() {
        return jetCache.two(KEY, VARIANT);
    }
}
