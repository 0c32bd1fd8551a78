package io.cacheweave.agent.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cacheweave.runtime.CacheClock;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.RedisTierConfig;
import io.cacheweave.runtime.tier.SharedTier;
import io.cacheweave.runtime.woven.CachedMethod;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A shared-tier (L2) hit through a woven method next to a raw Lettuce {@code GET} of the same bytes, in one run,
 * against a {@code redis-server} process of its own (started per trial, on a free port of 127.0.0.1). Run it with
 * {@link BenchmarkMain}, which starts each fork with {@code -javaagent:cache-agent.jar}:
 *
 * <pre>
 * mvn -B -pl cache-agent -Pbench verify -Dbench.args="SharedTierBenchmark -f 1 -wi 2 -i 3"
 * </pre>
 *
 * <p>The runtime's memory tier holds {@value #L1_MAX_ENTRIES} entries per method, and every call asks for the next
 * of {@value #KEYS} keys in turn, all written to Redis in set-up by calling the woven method once per key. So a
 * woven call almost never finds its key in memory: it is a shared-tier hit (the tear-down fails the trial unless at
 * least 99% of the woven calls were), which includes the memory-tier miss, the key rendering, {@code GET}+{@code PTTL}
 * in one round trip, the decode into the declared type and the promotion into the memory tier.
 *
 * <ul>
 *   <li>{@code rawGet}: Lettuce's synchronous {@code GET} of the same physical key (read back with {@code SCAN}),
 *       UTF-8 key, byte-array value: what an application that talks to Redis itself pays for the bytes;</li>
 *   <li>{@code tierGet}: {@link RedisTier#get} of the same key ({@code GET}+{@code PTTL} pipelined, no decode), on a
 *       tier of its own;</li>
 *   <li>{@code wovenL2Hit}: the woven {@code @Cached} method;</li>
 *   <li>{@code interleaved}: on one key per operation, each of the following once, in a new random order each
 *       operation (so work one side leaves to other threads does not always land on the same next side), each timed with {@code System.nanoTime}: the raw {@code GET}; {@code tierGet}; a
 *       <em>composed</em> hit put together by hand from public pieces (render the physical key with the method's
 *       generated key function, {@link RedisTier#get}, decode with {@link JsonValueCodec#create()}, the codec the
 *       default settings build, then miss and put in a Caffeine cache built like the memory tier; each phase timed);
 *       the same with the Caffeine cache's maintenance on the calling thread ({@code executor(Runnable::run)}); and
 *       the woven call. At the end of each fork, one line per measured iteration starting with
 *       {@code [shared-tier] interleaved} gives the mean microseconds of each and woven divided by raw. All of them
 *       share every moment of the run, so on a machine whose load changes (a loopback round trip here varies from
 *       about 30 to over 100 us with what else runs) their differences are steadier than those of separate trials,
 *       and they say where the time goes: {@code tier - raw} is the {@code PTTL} and the tier's own code,
 *       {@code composed - tier} key rendering, decoding and the memory tier, {@code woven - composed} the rest of
 *       the woven path (single-flight bookkeeping, breaker, counters).</li>
 * </ul>
 * {@code value}: {@code profile} is a {@link UserProfile} record (about 200 bytes of JSON, stored uncompressed);
 * {@code text16k} a 16,384-character {@code String} of prose (zstd level 3 above 1 KiB, the defaults).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class SharedTierBenchmark {
    /** Keys each benchmark rotates over. */
    static final int KEYS = 10_000;
    /** Memory-tier entries per method: far fewer than {@link #KEYS}, so the memory tier misses. */
    static final int L1_MAX_ENTRIES = 16;
    /** Least share of woven calls that must be shared-tier hits. */
    static final double MIN_SHARED_HIT_SHARE = 0.99;

    @Param({"profile", "text16k"})
    public String value;

    private RedisServer server;
    private SharedTierService service;
    private boolean profile;
    private String operation;
    private final String[] args = new String[KEYS];
    private final String[] physicalKeys = new String[KEYS];
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;
    private RedisCommands<String, byte[]> sync;
    private RedisTier tier;
    private CachedMethod method;
    private String physicalPrefix;
    private final JsonValueCodec codec = JsonValueCodec.create();
    private Type valueType;
    private final Cache<Object, Object> composedMemoryTier = memoryTier(false);
    private final Cache<Object, Object> composedMemoryTierSameThread = memoryTier(true);
    private int next;
    private OperationStats afterSetup;
    private long runsAfterSetup;

    @Setup(Level.Trial)
    public void setUp() {
        server = RedisServers.local();
        profile = switch (value) {
            case "profile" -> true;
            case "text16k" -> false;
            default -> throw new IllegalArgumentException("unknown value " + value);
        };
        operation = profile ? "bench-l2-profile" : "bench-l2-text";
        Cacheweave.install(CacheRuntime.builder().settings(Settings.builder().redis(r -> r.url(server.url()))
                .core(c -> c.namespace(server.namespace())).memory(m -> m.maxEntries(L1_MAX_ENTRIES)).build()).build());
        service = new SharedTierService();
        for (int i = 0; i < KEYS; i++) {
            args[i] = (profile ? "user-" : "doc-") + String.format("%05d", i);
            call(args[i]); // a miss: runs the body and writes the value to Redis
        }
        OperationStats loaded = stats();
        if (loaded.loads() != KEYS || loaded.sharedWrites() != KEYS || service.runs() != KEYS) {
            throw new IllegalStateException("pre-loading " + KEYS + " keys went wrong: " + loaded);
        }

        client = RedisClient.create(server.url());
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        sync = connection.sync();
        String prefix = server.namespace() + ":v1:" + operation + ":";
        Set<String> scanned = new HashSet<>();
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
        for (KeyScanCursor<String> c = sync.scan(ScanCursor.INITIAL, match); ; c = sync.scan(c, match)) {
            scanned.addAll(c.getKeys());
            if (c.isFinished()) {
                break;
            }
        }
        if (scanned.size() != KEYS) {
            throw new IllegalStateException("SCAN found " + scanned.size() + " keys under " + prefix + ", not " + KEYS);
        }
        for (int i = 0; i < KEYS; i++) {
            String key = prefix + args[i];
            if (!scanned.contains(key)) {
                throw new IllegalStateException("no physical key " + key + " among the scanned keys");
            }
            physicalKeys[i] = key;
        }
        tier = RedisTier.connect(RedisTierConfig.of(server.url()));
        method = Cacheweave.cachedMethods().stream().filter(m -> m.operation().equals(operation)).findFirst()
                .orElseThrow();
        physicalPrefix = server.namespace() + ":v1:";
        valueType = profile ? UserProfile.class : String.class;
        for (int i = 0; i < KEYS; i += 997) {
            Object decoded = composed(args[i], composedMemoryTier, new long[4]);
            if (!decoded.equals(profile ? UserProfile.of(args[i]) : SharedTierService.text16KiB(args[i]))) {
                throw new IllegalStateException("the composed read of " + args[i] + " gave another value");
            }
        }
        SharedTier.StoredValue first = tier.get(physicalKeys[0]);
        System.out.printf("%n[shared-tier] %s: %d keys of %d stored bytes each (first key %s), memory tier %d "
                + "entries per method%n", value, KEYS, first.bytes().length, physicalKeys[0], L1_MAX_ENTRIES);

        afterSetup = stats();
        runsAfterSetup = service.runs();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            OperationStats now = stats();
            long calls = now.requests() - afterSetup.requests();
            long sharedHits = now.sharedHits() - afterSetup.sharedHits();
            long memoryHits = now.hits() - afterSetup.hits() - sharedHits;
            long runs = service.runs() - runsAfterSetup;
            if (calls > 0) {
                double share = (double) sharedHits / calls;
                System.out.printf("%n[shared-tier] %s woven calls %d: shared-tier hits %d (%.4f), memory-tier hits %d,"
                        + " misses %d, body runs %d%n", value, calls, sharedHits, share, memoryHits,
                        now.misses() - afterSetup.misses(), runs);
                if (share < MIN_SHARED_HIT_SHARE || runs != 0) {
                    throw new IllegalStateException("the woven calls were not shared-tier hits: " + sharedHits
                            + " shared-tier hits of " + calls + " calls (need " + MIN_SHARED_HIT_SHARE + "), "
                            + runs + " body runs; " + now);
                }
            }
        } finally {
            Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build()); // closes the Redis one
            if (tier != null) {
                tier.close();
            }
            if (connection != null) {
                connection.close();
            }
            if (client != null) {
                client.shutdown();
            }
            server.close();
        }
    }

    private OperationStats stats() {
        return Cacheweave.stats(operation).orElseThrow(() -> new IllegalStateException("no statistics of "
                + operation + ": is the agent attached?"));
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

    @Benchmark
    public byte[] rawGet() {
        return sync.get(physicalKeys[nextIndex()]);
    }

    @Benchmark
    public Object tierGet() {
        return tier.get(physicalKeys[nextIndex()]);
    }

    @Benchmark
    public Object wovenL2Hit() {
        return call(args[nextIndex()]);
    }

    /**
     * One call of each kind on the same key, in a random order, each timed on its own:
     * see the class comment. The score is the time of all of them together.
     */
    @Benchmark
    public void interleaved(Interleaved times, Blackhole blackhole) {
        int i = nextIndex();
        int[] order = times.nextOrder();
        for (int side : order) {
            long start = System.nanoTime();
            switch (side) {
                case RAW -> blackhole.consume(sync.get(physicalKeys[i]));
                case TIER -> blackhole.consume(tier.get(physicalKeys[i]));
                case COMPOSED -> blackhole.consume(composed(args[i], composedMemoryTier, times.phaseNanos));
                case COMPOSED_SAME_THREAD -> blackhole.consume(composed(args[i], composedMemoryTierSameThread,
                        times.sameThreadPhaseNanos));
                default -> blackhole.consume(call(args[i]));
            }
            times.nanos[side] += System.nanoTime() - start;
        }
        times.operations++;
    }

    /**
     * A woven shared-tier hit put together by hand from public pieces: render the physical key with the method's
     * generated key function, read it with {@link RedisTier#get}, decode it with the codec the runtime uses, and put it
     * into a memory tier built as the runtime builds it (miss first). Each phase is timed into {@code phases}.
     */
    private Object composed(String arg, Cache<Object, Object> memoryTier, long[] phases) {
        long start = System.nanoTime();
        Object memoryKey = method.keys.key(arg);
        String key = physicalPrefix + method.logicalKey(memoryKey);
        long rendered = System.nanoTime();
        SharedTier.StoredValue stored = tier.get(key);
        long read = System.nanoTime();
        Object decoded = codec.decode(stored.bytes(), valueType);
        long decodedAt = System.nanoTime();
        if (memoryTier.getIfPresent(memoryKey) == null) {
            memoryTier.put(memoryKey, decoded);
        }
        long end = System.nanoTime();
        phases[0] += rendered - start;
        phases[1] += read - rendered;
        phases[2] += decodedAt - read;
        phases[3] += end - decodedAt;
        return decoded;
    }

    /** A memory tier as the runtime builds one: size bound, fixed expiry, coarse ticker, an eviction listener. */
    private static Cache<Object, Object> memoryTier(boolean maintenanceOnCallingThread) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(L1_MAX_ENTRIES)
                .expireAfterWrite(Duration.ofHours(1)).ticker(CacheClock.coarse()::nanos);
        if (maintenanceOnCallingThread) {
            builder.executor(Runnable::run);
        }
        LongAdder evictions = new LongAdder();
        return builder.evictionListener((k, v, cause) -> evictions.increment()).build();
    }

    private static final int RAW = 0;
    private static final int TIER = 1;
    private static final int COMPOSED = 2;
    private static final int COMPOSED_SAME_THREAD = 3;
    private static final int WOVEN = 4;
    private static final int SIDES = 5;

    /** The times of {@link #interleaved}, per iteration; printed per measured iteration at the end of the fork. */
    @State(Scope.Thread)
    public static class Interleaved {
        long operations;
        final long[] nanos = new long[SIDES];
        final long[] phaseNanos = new long[4];
        final long[] sameThreadPhaseNanos = new long[4];
        private final StringBuilder lines = new StringBuilder();
        private final int[] order = {RAW, TIER, COMPOSED, COMPOSED_SAME_THREAD, WOVEN};
        private final SplittableRandom random = new SplittableRandom(7);

        /** @return the sides in a new random order (so no side always follows the same other side) */
        int[] nextOrder() {
            for (int k = SIDES - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            return order;
        }

        @Setup(Level.Iteration)
        public void reset() {
            operations = 0;
            Arrays.fill(nanos, 0);
            Arrays.fill(phaseNanos, 0);
            Arrays.fill(sameThreadPhaseNanos, 0);
        }

        @TearDown(Level.Iteration)
        public void record(IterationParams iteration, BenchmarkParams benchmark) {
            if (iteration.getType() != IterationType.MEASUREMENT || operations == 0) {
                return;
            }
            double n = operations * 1000.0;
            lines.append(String.format("%n[shared-tier] interleaved %s: raw %.2f tier %.2f composed %.2f (key %.3f get"
                    + " %.2f decode %.2f memory %.3f) composed-same-thread %.2f (memory %.3f) woven %.2f us;"
                    + " woven/raw %.3f", benchmark.getParam("value"), nanos[RAW] / n, nanos[TIER] / n,
                    nanos[COMPOSED] / n, phaseNanos[0] / n, phaseNanos[1] / n, phaseNanos[2] / n, phaseNanos[3] / n,
                    nanos[COMPOSED_SAME_THREAD] / n, sameThreadPhaseNanos[3] / n, nanos[WOVEN] / n,
                    (double) nanos[WOVEN] / nanos[RAW]));
        }

        @TearDown(Level.Trial)
        public void print() {
            System.out.println(lines);
        }
    }
}
