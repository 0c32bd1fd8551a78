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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * A {@code Mono} hit through a woven method next to {@code Mono.just} of a raw Caffeine lookup (the memory tier's
 * configuration: size bound, {@code expireAfterWrite}, coarse ticker), in one run. Run it with {@link BenchmarkMain}
 * ({@code -Dbench.args="ReactiveHitBenchmark"}), which attaches the agent and adds {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ReactiveHitBenchmark {
    private final String key = "user-42";
    private Cache<String, Object> rawExpiring;
    private ReactiveBenchService service;
    private long runsAfterSetup;

    @Setup(Level.Trial)
    public void setUp() {
        CacheClock clock = CacheClock.coarse();
        rawExpiring = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1))
                .ticker(clock::nanos).build();
        rawExpiring.put(key, "value-of-" + key);
        service = new ReactiveBenchService();
        if (!("value-of-" + key).equals(service.user(key).block())) {
            throw new IllegalStateException("the woven Mono did not load");
        }
        runsAfterSetup = service.runs();
    }

    @TearDown(Level.Trial)
    public void checkEveryCallWasAHit() {
        if (service.runs() != runsAfterSetup) {
            throw new IllegalStateException("a benchmarked call missed: is the agent attached? runs went from "
                    + runsAfterSetup + " to " + service.runs());
        }
    }

    @Benchmark
    public Object monoJustOfRawCaffeine() {
        return Mono.just(rawExpiring.getIfPresent(key));
    }

    @Benchmark
    public Object wovenMonoHit() {
        return service.user(key);
    }
}
