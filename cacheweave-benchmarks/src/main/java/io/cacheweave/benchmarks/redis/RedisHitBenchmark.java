package io.cacheweave.benchmarks.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cacheweave.benchmarks.Profile;
import io.cacheweave.benchmarks.Workload;
import io.cacheweave.runtime.stats.OperationStats;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * A Redis hit per peer, next to the baseline {@code rawLettuceGet} (Lettuce's synchronous {@code GET} of the value's
 * JSON bytes, which an application talking to Redis itself would pay). Every call asks for the next of {@code keys}
 * keys in turn, all written in set-up by calling each peer once per key. Cacheweave's memory tier holds only
 * {@value #MEMORY_TIER_ENTRIES} entries per method, so its calls are shared-tier hits (tear-down fails the trial
 * unless at least 99% were); the other peers have no memory tier here. Tear-down also fails the trial if any body
 * ran during the measurement.
 *
 * <p>{@code value}: {@code profile} is a small {@link Profile} record; {@code text16k} a 16,384-character text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedisHitBenchmark {
    static final int MEMORY_TIER_ENTRIES = 16;
    static final double MIN_SHARED_HIT_SHARE = 0.99;

    @Param({"profile", "text16k"})
    public String value;

    /** How many keys the calls rotate over: far more than Cacheweave's memory tier holds. */
    @Param({"2000"})
    public int keys;

    private RedisPeers peers;
    private boolean profile;
    private String[] ids;
    private String[] rawKeys;
    private int next;
    private OperationStats cacheweaveAfterSetUp;
    private long runsAfterSetUp;

    @Setup(Level.Trial)
    public void setUp() {
        profile = switch (value) {
            case "profile" -> true;
            case "text16k" -> false;
            default -> throw new IllegalArgumentException("value must be profile or text16k: " + value);
        };
        peers = new RedisPeers(MEMORY_TIER_ENTRIES);
        ids = new String[keys];
        rawKeys = new String[keys];
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < keys; i++) {
            String id = (profile ? "user-" : "doc-") + i;
            ids[i] = id;
            Object expected = expected(id);
            for (Function<String, Object> peer : List.<Function<String, Object>>of(this::cacheweave, this::spring,
                    this::jetCache, this::redisson)) {
                if (!expected.equals(peer.apply(id))) {
                    throw new IllegalStateException("a peer returned another value for " + id);
                }
            }
            rawKeys[i] = "raw:" + id;
            try {
                peers.raw.set(rawKeys[i], json.writeValueAsBytes(expected));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (peers.work.runs() != 4L * keys) {
            throw new IllegalStateException("loading " + keys + " keys into 4 peers ran " + peers.work.runs()
                    + " bodies, not " + 4L * keys);
        }
        awaitSpringWrites();
        cacheweaveAfterSetUp = RedisPeers.stats(operation());
        if (cacheweaveAfterSetUp.sharedWrites() != keys) {
            throw new IllegalStateException("Cacheweave wrote " + cacheweaveAfterSetUp.sharedWrites()
                    + " entries to Redis, not " + keys);
        }
        runsAfterSetUp = peers.work.runs();
    }

    /** Spring's entries of the set-up are in Redis, so its measured calls are hits from the first one. */
    private void awaitSpringWrites() {
        String[] springKeys = new String[keys];
        for (int i = 0; i < keys; i++) {
            springKeys[i] = (profile ? "peer-profile::" : "peer-text::") + ids[i];
        }
        peers.awaitSpringEntries(springKeys);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            peers.work.requireNoRunSince(runsAfterSetUp, "Redis hit");
            OperationStats now = RedisPeers.stats(operation());
            long calls = now.requests() - cacheweaveAfterSetUp.requests();
            long sharedHits = now.sharedHits() - cacheweaveAfterSetUp.sharedHits();
            if (calls > 0 && (double) sharedHits / calls < MIN_SHARED_HIT_SHARE) {
                throw new IllegalStateException("Cacheweave's calls were not Redis hits: " + sharedHits
                        + " shared-tier hits of " + calls + " calls");
            }
        } finally {
            peers.close();
        }
    }

    private String operation() {
        return profile ? "peer-profile" : "peer-text";
    }

    private Object expected(String id) {
        return profile ? Profile.of(id) : Workload.text16KiB(id);
    }

    private int nextIndex() {
        int i = next + 1;
        if (i == keys) {
            i = 0;
        }
        next = i;
        return i;
    }

    private Object cacheweave(String id) {
        return profile ? peers.cacheweave.profile(id) : peers.cacheweave.text(id);
    }

    private Object spring(String id) {
        return profile ? peers.springService.profile(id) : peers.springService.text(id);
    }

    private Object jetCache(String id) {
        return profile ? peers.jetCache.profile(id) : peers.jetCache.text(id);
    }

    private Object redisson(String id) {
        return profile ? peers.redisson.profile(id) : peers.redisson.text(id);
    }

    @Benchmark
    public byte[] rawLettuceGet() {
        return peers.raw.get(rawKeys[nextIndex()]);
    }

    @Benchmark
    public Object cacheweave() {
        return cacheweave(ids[nextIndex()]);
    }

    @Benchmark
    public Object springRedis() {
        return spring(ids[nextIndex()]);
    }

    @Benchmark
    public Object jetCache() {
        return jetCache(ids[nextIndex()]);
    }

    @Benchmark
    public Object redisson() {
        return redisson(ids[nextIndex()]);
    }
}
