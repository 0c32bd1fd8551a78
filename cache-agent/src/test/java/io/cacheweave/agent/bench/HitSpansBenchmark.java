package io.cacheweave.agent.bench;

import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.stats.CacheObserver;
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
 * The woven hit of {@link HitPathBenchmark#wovenOneArgument()} with {@code cacheweave.otel.memory-hit-spans} on: each
 * hit renders its key and is handed to the monitor's observers (here one that does nothing, so the span's own cost in
 * an OpenTelemetry SDK is not included). Compare with {@code HitPathBenchmark.wovenOneArgument}
 * of the same run for the cost of the setting, and with that benchmark before the setting existed for the cost of
 * the check when it is off. Run by {@link BenchmarkMain} ({@code HitSpansBenchmark HitPathBenchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsPrepend = "-Dcacheweave.otel.memory-hit-spans=true")
@State(Scope.Benchmark)
public class HitSpansBenchmark {
    private final String key = "user-42";
    private BenchService service;
    private long runsAfterSetup;

    @Setup(Level.Trial)
    public void setUp() {
        // An observer that does nothing: the hit renders its key and dispatches the event, as it does for the
        // OpenTelemetry bridge, without an exporter's own cost (the agent's test class path has no OpenTelemetry).
        Cacheweave.runtime().monitor().addObserver(new CacheObserver() {
        });
        service = new BenchService();
        service.one(key);
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
    public Object wovenOneArgumentWithHitSpans() {
        return service.one(key);
    }
}
