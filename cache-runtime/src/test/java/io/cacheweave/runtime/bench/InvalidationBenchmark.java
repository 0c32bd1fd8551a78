package io.cacheweave.runtime.bench;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Invalidating every entry of one cache while Redis holds {@code unrelatedKeys} keys of other data, against a
 * {@code redis-server} process of its own (loaded with {@code DEBUG POPULATE}):
 *
 * <ul>
 *   <li>{@code operation}: {@link CacheRuntime#invalidateOperation(String)}, which bumps the cache's generation
 *       ({@code HINCRBY} + {@code PUBLISH}, whatever Redis holds);</li>
 *   <li>{@code pattern}: {@link CacheRuntime#invalidatePattern(String)} of {@code notes:*}, which scans the whole
 *       keyspace ({@code SCAN MATCH ... COUNT 500} + {@code UNLINK}), as every invalidation did before.</li>
 * </ul>
 *
 * Each invocation first stores {@value #ENTRIES} entries of the cache (not timed), and checks afterwards that none
 * of them is served any more. Run with the {@code bench} profile:
 *
 * <pre>
 * mvn -B -pl cache-runtime -am -Pbench verify -Dbench.args="InvalidationBenchmark -f 1 -wi 2 -i 5 -p unrelatedKeys=1000000"
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class InvalidationBenchmark {
    /** Entries of the invalidated cache. */
    static final int ENTRIES = 1000;

    @Param({"1000000"})
    public int unrelatedKeys;

    private RedisServer server;
    private CacheRuntime runtime;
    private Cache<String, String> notes;
    private Map<String, String> entries;

    @Setup(Level.Trial)
    public void setUp() {
        server = RedisServers.local(List.of("--enable-debug-command", "yes", "--save", ""));
        for (int from = 0; from < unrelatedKeys; from += 100_000) { // in steps: one DEBUG POPULATE blocks Redis
            server.call("DEBUG", "POPULATE", "" + Math.min(100_000, unrelatedKeys - from), "unrelated" + from);
        }
        // The whole scan is measured (no budget), and a loaded machine does not time commands out.
        runtime = CacheRuntime.builder().settings(Settings.builder().redisUrl(server.url())
                .namespace(server.namespace()).invalidationPatternBudget(Duration.ofHours(1))
                .redisTimeout(Duration.ofSeconds(10)).build()).build();
        notes = runtime.cache("notes", String.class);
        entries = new LinkedHashMap<>();
        for (int i = 0; i < ENTRIES; i++) {
            entries.put("n" + i, "note " + i);
        }
        long size = (Long) server.call("DBSIZE");
        if (size < unrelatedKeys) {
            throw new IllegalStateException("Redis holds " + size + " keys, fewer than " + unrelatedKeys);
        }
    }

    @Setup(Level.Invocation)
    public void store() {
        notes.putAll(entries, Duration.ofHours(1));
        if (!"note 7".equals(notes.get("n7"))) {
            throw new IllegalStateException("the entries were not stored");
        }
    }

    @TearDown(Level.Invocation)
    public void check() {
        for (String key : List.of("n0", "n7", "n999")) {
            if (notes.get(key) != null) {
                throw new IllegalStateException(key + " was served after the invalidation");
            }
        }
    }

    @Benchmark
    public void operation() {
        runtime.invalidateOperation("notes");
    }

    @Benchmark
    public void pattern() {
        runtime.invalidatePattern("notes:*");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
        server.close();
    }
}
