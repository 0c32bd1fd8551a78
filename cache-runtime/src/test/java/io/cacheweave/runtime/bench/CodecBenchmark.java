package io.cacheweave.runtime.bench;

import io.cacheweave.runtime.codec.Compression;
import io.cacheweave.runtime.codec.JsonValueCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding a 16 KiB language-model answer ({@link LlmAnswer#sample()}) with {@link JsonValueCodec},
 * per compression algorithm and level. Run with the {@code bench} profile, which adds {@code -prof gc} for B/op:
 *
 * <pre>
 * mvn -B -pl cache-runtime -am -Pbench verify -Dbench.args="CodecBenchmark -f 1 -wi 2 -i 3"
 * </pre>
 *
 * The stored size and ratio of each configuration are printed once per fork, on a line starting with
 * {@code [codec]}. {@code none} is the cost of Jackson and the envelope alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class CodecBenchmark {

    @Param({"none", "deflate-1", "deflate-6", "zstd-1", "zstd-3", "lz4"})
    public String codec;

    private JsonValueCodec valueCodec;
    private LlmAnswer answer;
    private byte[] stored;

    @Setup
    public void setUp() {
        String[] parts = codec.split("-");
        Compression algorithm = Compression.of(parts[0]);
        int level = parts.length > 1 ? Integer.parseInt(parts[1]) : algorithm.defaultLevel();
        valueCodec = JsonValueCodec.builder().compression(algorithm, level).build();
        answer = LlmAnswer.sample();
        stored = valueCodec.encode(answer, LlmAnswer.class);
        if (!answer.equals(valueCodec.decode(stored, LlmAnswer.class))) {
            throw new IllegalStateException("round trip changed the value");
        }
        int json = JsonValueCodec.builder().compression(Compression.NONE).build()
                .encode(answer, LlmAnswer.class).length - 12;
        System.out.printf("%n[codec] %-9s JSON %d bytes, stored %d bytes (12 of them envelope), ratio %.2f%n",
                codec, json, stored.length, (double) json / stored.length);
        if (json < 15 * 1024 || json > 17 * 1024) {
            throw new IllegalStateException("the sample should be about 16 KiB of JSON: " + json);
        }
    }

    @Benchmark
    public byte[] encode() {
        return valueCodec.encode(answer, LlmAnswer.class);
    }

    @Benchmark
    public Object decode() {
        return valueCodec.decode(stored, LlmAnswer.class);
    }
}
