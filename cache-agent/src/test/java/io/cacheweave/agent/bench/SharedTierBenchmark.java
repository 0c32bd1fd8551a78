package io.cacheweave.agent.bench;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.RedisTierConfig;
import io.cacheweave.runtime.tier.SharedTier;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.HashSet;
import java.util.Set;
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
 *   <li>{@code wovenL2Hit}: the woven {@code @Cached} method.</li>
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
        Cacheweave.install(CacheRuntime.builder().settings(Settings.builder().redisUrl(server.url())
                .namespace(server.namespace()).l1MaxEntries(L1_MAX_ENTRIES).build()).build());
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
            Cacheweave.install(CacheRuntime.builder().settings(Settings.defaults()).build()); // closes the Redis one
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
}
