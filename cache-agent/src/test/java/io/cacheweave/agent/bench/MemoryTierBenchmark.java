package io.cacheweave.agent.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cacheweave.runtime.CacheClock;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a memory-tier hit costs in each Caffeine configuration the woven hit could use, in one run: the cheapest
 * (size bound only), the weighed bound with {@code expireAfterWrite} on the coarse clock, and the weighed bound
 * without Caffeine's expiry, the entry's own deadline checked against the coarse clock instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MemoryTierBenchmark {
    /** A stored value with its deadline, as the memory tier keeps them. */
    record Entry(Object value, long deadline) {
    }

    private final String key = "user-42";
    private final CacheClock clock = CacheClock.coarse();
    private Cache<String, Object> sizeOnly;
    private Cache<String, Entry> weighedExpiring;
    private Cache<String, Entry> weighed;

    @Setup(Level.Trial)
    public void setUp() {
        sizeOnly = Caffeine.newBuilder().maximumSize(10_000).build();
        sizeOnly.put(key, "value");
        weighedExpiring = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(64L << 20)
                .weigher((String k, Entry v) -> 64).expireAfterWrite(Duration.ofHours(1)).ticker(clock::nanos).build();
        weighed = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(64L << 20)
                .weigher((String k, Entry v) -> 64).build();
        Entry entry = new Entry("value", clock.nanos() + Duration.ofHours(1).toNanos());
        weighedExpiring.put(key, entry);
        weighed.put(key, entry);
    }

    @Benchmark
    public Object sizeOnly() {
        return sizeOnly.getIfPresent(key);
    }

    @Benchmark
    public Object weighedExpiring() {
        Entry e = weighedExpiring.getIfPresent(key);
        return e == null ? null : e.value();
    }

    @Benchmark
    public Object weighedOwnDeadline() {
        Entry e = weighed.getIfPresent(key);
        return e == null || clock.nanos() - e.deadline() >= 0 ? null : e.value();
    }
}
