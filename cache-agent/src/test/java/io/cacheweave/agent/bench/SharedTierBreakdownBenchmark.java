package io.cacheweave.agent.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cacheweave.runtime.CacheClock;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.tier.SharedTier;
import io.cacheweave.runtime.woven.CachedMethod;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * Where the time of a shared-tier hit goes outside Redis: the parts of {@link SharedTierBenchmark#wovenL2Hit}
 * without the network, each alone, on the same values. Run it with {@link BenchmarkMain}:
 *
 * <pre>
 * mvn -B -pl cache-agent -Pbench verify -Dbench.args="SharedTierBreakdownBenchmark -f 1 -wi 2 -i 3"
 * </pre>
 *
 * <ul>
 *   <li>{@code wovenL2HitInMemoryTier}: the woven method over a shared tier that is a map of the stored bytes
 *       (memory tier of {@value SharedTierBenchmark#L1_MAX_ENTRIES} entries, {@value SharedTierBenchmark#KEYS} keys
 *       in turn, as in {@link SharedTierBenchmark}): everything a woven shared-tier hit does except the round
 *       trip;</li>
 *   <li>{@code physicalKey}: rendering the logical key and prefixing the namespace, as the read path does;</li>
 *   <li>{@code decode}: {@link JsonValueCodec#decode} of the stored bytes into the declared type (default codec:
 *       zstd level 3 above 1 KiB);</li>
 *   <li>{@code memoryTierMissAndPut}: a miss and a put on a Caffeine cache configured as the memory tier (size
 *       bound, {@code expireAfterWrite}, coarse ticker), which evicts on every put; Caffeine hands its maintenance
 *       (eviction) to {@code ForkJoinPool.commonPool()}, so part of the work runs on another thread;</li>
 *   <li>{@code memoryTierMissAndPutSameThread}: the same with Caffeine's maintenance on the calling thread
 *       ({@code executor(Runnable::run)}).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class SharedTierBreakdownBenchmark {
    private static final int KEYS = SharedTierBenchmark.KEYS;
    private static final String NAMESPACE = "bench";

    @Param({"profile", "text16k"})
    public String value;

    private SharedTierService service;
    private boolean profile;
    private String operation;
    private CachedMethod method;
    private Type type;
    private final String[] args = new String[KEYS];
    private final byte[][] stored = new byte[KEYS][];
    private final JsonValueCodec codec = JsonValueCodec.create();
    private MapTier tier;
    private Cache<Object, Object> memoryTier;
    private Cache<Object, Object> memoryTierSameThread;
    private Object[] values;
    private int next;
    private OperationStats afterSetup;
    private long runsAfterSetup;

    @Setup(Level.Trial)
    public void setUp() {
        profile = value.equals("profile");
        if (!profile && !value.equals("text16k")) {
            throw new IllegalArgumentException("unknown value " + value);
        }
        operation = profile ? "bench-l2-profile" : "bench-l2-text";
        type = profile ? UserProfile.class : String.class;
        tier = new MapTier();
        Cacheweave.install(CacheRuntime.builder().settings(Settings.builder().core(c -> c.namespace(NAMESPACE))
                .memory(m -> m.maxEntries(SharedTierBenchmark.L1_MAX_ENTRIES)).build()).sharedTier(tier,
                codec).build());
        service = new SharedTierService();
        values = new Object[KEYS];
        for (int i = 0; i < KEYS; i++) {
            args[i] = (profile ? "user-" : "doc-") + String.format("%05d", i);
            values[i] = call(args[i]);
        }
        method = Cacheweave.cachedMethods().stream().filter(m -> m.operation().equals(operation)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no woven method " + operation + ": is the agent attached?"));
        for (int i = 0; i < KEYS; i++) {
            SharedTier.StoredValue v = tier.entries.get(physicalKey(args[i]));
            if (v == null) {
                throw new IllegalStateException("no stored value under " + physicalKey(args[i]) + ": " + tier.entries
                        .keySet().stream().limit(3).toList());
            }
            stored[i] = v.bytes();
            if (!values[i].equals(codec.decode(stored[i], type))) {
                throw new IllegalStateException("value " + i + " does not decode to itself");
            }
        }
        memoryTier = Caffeine.newBuilder().maximumSize(SharedTierBenchmark.L1_MAX_ENTRIES)
                .expireAfterWrite(Duration.ofHours(1)).ticker(CacheClock.coarse()::nanos)
                .evictionListener((k, v, cause) -> { }).build();
        memoryTierSameThread = Caffeine.newBuilder().maximumSize(SharedTierBenchmark.L1_MAX_ENTRIES)
                .expireAfterWrite(Duration.ofHours(1)).ticker(CacheClock.coarse()::nanos)
                .evictionListener((k, v, cause) -> { }).executor(Runnable::run).build();
        afterSetup = stats();
        runsAfterSetup = service.runs();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            OperationStats now = stats();
            long calls = now.requests() - afterSetup.requests();
            long sharedHits = now.sharedHits() - afterSetup.sharedHits();
            if (calls > 0 && ((double) sharedHits / calls < SharedTierBenchmark.MIN_SHARED_HIT_SHARE
                    || service.runs() != runsAfterSetup)) {
                throw new IllegalStateException("the woven calls were not shared-tier hits: " + sharedHits + " of "
                        + calls + ", " + (service.runs() - runsAfterSetup) + " body runs; " + now);
            }
        } finally {
            Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
        }
    }

    private OperationStats stats() {
        return Cacheweave.stats(operation).orElseThrow();
    }

    private Object call(String arg) {
        return profile ? service.profile(arg) : service.text(arg);
    }

    private int nextIndex() {
        int i = next + 1;
        if (i == KEYS) {
            i = 0;
        }
        next = i;
        return i;
    }

    private String physicalKey(String arg) {
        return NAMESPACE + ":v1:" + method.logicalKey(method.keys.key(arg));
    }

    @Benchmark
    public Object wovenL2HitInMemoryTier() {
        return call(args[nextIndex()]);
    }

    @Benchmark
    public String physicalKey() {
        return physicalKey(args[nextIndex()]);
    }

    @Benchmark
    public Object decode() {
        return codec.decode(stored[nextIndex()], type);
    }

    @Benchmark
    public Object memoryTierMissAndPut() {
        return missAndPut(memoryTier);
    }

    @Benchmark
    public Object memoryTierMissAndPutSameThread() {
        return missAndPut(memoryTierSameThread);
    }

    private Object missAndPut(Cache<Object, Object> cache) {
        int i = nextIndex();
        Object v = cache.getIfPresent(args[i]);
        if (v == null) {
            v = values[i];
            cache.put(args[i], v);
        }
        return v;
    }

    /** A shared tier in a map: the stored values with an hour to live, as Redis would report it. */
    static final class MapTier implements SharedTier {
        final Map<String, StoredValue> entries = new ConcurrentHashMap<>();

        @Override
        public StoredValue get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, StoredValue> getAll(List<String> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            entries.put(key, new StoredValue(value, ttl.toMillis() - 1000));
        }

        @Override
        public void putAll(Map<String, byte[]> values, Duration ttl) {
            values.forEach((k, v) -> put(k, v, ttl));
        }

        @Override
        public long delete(Collection<String> keys) {
            return keys.stream().filter(k -> entries.remove(k) != null).count();
        }

        @Override
        public long deleteMatching(String glob) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
