package io.cacheweave.spring.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up of the benchmark application in a fresh JVM (single shot, one per fork): with the starter, and without it
 * (its auto-configurations excluded, Spring Boot's simple cache manager in its place). Each measurement is the
 * start and the close of the application in a new JVM, the first thing the fork does; no agent.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(10)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class StartupBenchmark {

    @Benchmark
    public void withStarter() {
        BenchApplication.start(new Class<?>[] {BenchApplication.class}).close();
    }

    @Benchmark
    public void withoutStarter() {
        BenchApplication.start(new Class<?>[] {BenchApplication.class}, "spring.autoconfigure.exclude="
                + "io.cacheweave.spring.CacheweaveAutoConfiguration,"
                + "io.cacheweave.spring.CacheweaveActuatorAutoConfiguration").close();
    }
}
