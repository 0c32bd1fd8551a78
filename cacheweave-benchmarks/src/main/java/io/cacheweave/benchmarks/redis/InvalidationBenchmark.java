package io.cacheweave.benchmarks.redis;

import io.cacheweave.runtime.testing.Resp;
import java.time.Duration;
import java.util.HashMap;
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
 * Invalidating every entry of one cached operation ({@code entries} of them) while Redis also holds
 * {@code unrelatedKeys} keys of other data, one call per invocation ({@code SingleShotTime}):
 *
 * <ul>
 *   <li>{@code raw}: the baseline, one {@code UNLINK} of the operation's keys, known to the caller;</li>
 *   <li>{@code cacheweave}: a woven {@code @Invalidate(operation = ...)} method (memory and Redis tiers): one
 *       round trip that bumps the operation's generation, whatever else Redis holds;</li>
 *   <li>{@code cacheweave-tag}: {@code Cacheweave.invalidateTag} of the tag every entry of a programmatic cache
 *       carries ({@code Cache.put} with tags): one round trip as well;</li>
 *   <li>{@code spring}: {@code @CacheEvict(allEntries = true)} over {@code RedisCacheManager} with
 *       {@code BatchStrategies.scan(1000)} (its {@code Cache.clear()});</li>
 *   <li>{@code redisson}: {@code RMapCache.clear()}; Redisson keeps a cache's entries in one hash, so this is one
 *       {@code DEL}-like script whatever else Redis holds.</li>
 * </ul>
 * JetCache has no peer here: its Redis cache can only remove keys the caller names ({@code removeAll(Set)}).
 *
 * <p>Each invocation's set-up writes the entries through the peer (every body runs once); its tear-down checks that no
 * body ran during the measured call, and that after it a sample of the entries is gone (asking for them runs the
 * body again, or {@code GET} finds nothing), then invalidates again (unmeasured) what the sample wrote back. The trial's tear-down checks the unrelated keys are all still there.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class InvalidationBenchmark {
    private static final int SAMPLE = 10;
    private static final int POPULATE_CHUNK = 500_000;

    @Param({"raw", "cacheweave", "cacheweave-tag", "spring", "redisson"})
    public String peer;

    /** Keys of other data in Redis; the scale is 1,000,000 to 10,000,000 (set with {@code -p}). */
    @Param({"100000"})
    public int unrelatedKeys;

    /** Entries of the operation invalidated. */
    @Param({"1000"})
    public int entries;

    private RedisPeers peers;
    private String[] rawKeys;
    private long runsBeforeCall;

    @Setup(Level.Trial)
    public void setUp() {
        if (!java.util.List.of("raw", "cacheweave", "cacheweave-tag", "spring", "redisson").contains(peer)) {
            throw new IllegalArgumentException("peer must be raw, cacheweave, cacheweave-tag, spring or redisson: "
                    + peer);
        }
        peers = new RedisPeers(10_000);
        // DEBUG POPULATE writes <prefix>:0 ... <prefix>:<n-1> inside Redis: 10,000,000 keys in seconds, in chunks
        // of 500,000 keys, on a connection that waits a minute for each (a loaded machine takes seconds per chunk)
        try (Resp admin = Resp.connect(peers.server.host(), peers.server.port(), Duration.ofMinutes(1))) {
            for (int chunk = 0, left = unrelatedKeys; left > 0; chunk++, left -= POPULATE_CHUNK) {
                admin.call("DEBUG", "POPULATE", String.valueOf(Math.min(left, POPULATE_CHUNK)),
                        "unrelated-" + chunk, "10");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot reach the benchmark's redis-server", e);
        }
        if (peers.raw.dbsize() < unrelatedKeys) {
            throw new IllegalStateException("Redis holds " + peers.raw.dbsize() + " keys after DEBUG POPULATE "
                    + unrelatedKeys);
        }
        rawKeys = new String[entries];
        for (int i = 0; i < entries; i++) {
            rawKeys[i] = "raw-entries:" + i;
        }
    }

    @Setup(Level.Invocation)
    public void writeEntries() {
        long before = peers.work.runs();
        if (peer.equals("raw")) {
            Map<String, byte[]> all = new HashMap<>();
            for (String key : rawKeys) {
                all.put(key, new byte[100]);
            }
            peers.raw.mset(all);
        } else {
            for (int i = 0; i < entries; i++) {
                entry("user-" + i);
            }
            if (peers.work.runs() - before != entries) {
                throw new IllegalStateException(peer + ": writing " + entries + " entries ran "
                        + (peers.work.runs() - before) + " bodies; were they not invalidated last time?");
            }
            awaitSpringWrites(1);
        }
        runsBeforeCall = peers.work.runs();
    }

    @TearDown(Level.Invocation)
    public void checkInvalidated() {
        peers.work.requireNoRunSince(runsBeforeCall, "invalidation");
        for (int i = 0; i < entries; i += Math.max(1, entries / SAMPLE)) {
            boolean gone;
            if (peer.equals("raw")) {
                gone = peers.raw.get(rawKeys[i]) == null;
            } else {
                long before = peers.work.runs();
                entry("user-" + i);
                gone = peers.work.runs() == before + 1;
            }
            if (!gone) {
                throw new IllegalStateException(peer + ": entry " + i + " survived the invalidation");
            }
        }
        if (!peer.equals("raw")) {
            awaitSpringWrites(Math.max(1, entries / SAMPLE));
            invalidateOperation(); // the sample wrote some entries again: the next invocation starts from none
            if (peer.equals("spring") && !peers.raw.keys("peer-entries::*").isEmpty()) {
                throw new IllegalStateException("spring: Cache.invalidate() left "
                        + peers.raw.keys("peer-entries::*") + " in Redis");
            }
        }
    }

    /**
     * Spring Data Redis 4's cache writer stores asynchronously (spring-data-redis #3348): a {@code @Cacheable} call
     * returns before its entry is in Redis, and a {@code Cache.invalidate()} right after it can miss the last writes
     * (seen here: 4 of 10). Waits, unmeasured, until Redis holds Spring's entries {@code 0, step, 2 * step, ...}.
     */
    private void awaitSpringWrites(int step) {
        if (!peer.equals("spring")) {
            return;
        }
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < entries; i += step) {
            keys.add("peer-entries::user-" + i);
        }
        peers.awaitSpringEntries(keys.toArray(String[]::new));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            long size = peers.raw.dbsize();
            if (size < unrelatedKeys) {
                throw new IllegalStateException("Redis holds " + size + " keys, fewer than the " + unrelatedKeys
                        + " unrelated ones: an invalidation removed other data");
            }
        } finally {
            peers.close();
        }
    }

    private void entry(String id) {
        switch (peer) {
            case "cacheweave" -> peers.cacheweave.entry(id);
            case "cacheweave-tag" -> peers.cacheweave.taggedEntry(id);
            case "spring" -> peers.springService.entry(id);
            case "redisson" -> peers.redisson.entry(id);
            default -> throw new IllegalStateException("no cached entries for " + peer);
        }
    }

    @Benchmark
    public void invalidateOperation() {
        switch (peer) {
            case "raw" -> peers.raw.unlink(rawKeys);
            case "cacheweave" -> peers.cacheweave.invalidateEntries();
            case "cacheweave-tag" -> peers.cacheweave.invalidateTag();
            case "spring" -> peers.springService.invalidateEntries();
            default -> peers.redisson.invalidateEntries();
        }
    }
}
