package io.cacheweave.llm.bench;

import io.cacheweave.llm.SemanticIndexProbe;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A semantic lookup in one scope holding {@code size} stored questions (384-dimension vectors, as all-MiniLM-L6-v2
 * gives), sampled for percentiles. Each query is a stored vector moved to cosine 0.93, so every lookup must find
 * its neighbour; setup checks that it does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class SemanticLookupBenchmark {

    @Param({"10000", "100000", "1000000"})
    public int size;

    private SemanticIndexProbe index;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        index = new SemanticIndexProbe(384, size);
        float[][] stored = new float[64][];
        for (int i = 0; i < size; i++) {
            float[] v = SemanticIndexProbe.random(384, random);
            if (i < stored.length) {
                stored[i] = v;
            }
            index.add("id" + i, v);
        }
        queries = new float[stored.length][];
        for (int i = 0; i < stored.length; i++) {
            queries[i] = SemanticIndexProbe.near(stored[i], 0.93, random);
            if (!index.nearestId(queries[i], 0.9).equals("id" + i)) {
                throw new IllegalStateException("query " + i + " did not find its neighbour");
            }
        }
    }

    @Benchmark
    public String lookup() {
        return index.nearestId(queries[next++ & (queries.length - 1)], 0.9);
    }
}
