package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two runtimes, each with its own Lettuce clients and memory tiers) on one real redis-server; a writer node
 * updates one of 50 entities about ten times a second and invalidates it, a reader node reads them as fast as it can,
 * and the subscription connections are killed with {@code CLIENT KILL TYPE pubsub} every few seconds. A read is stale
 * when it returns a version whose invalidation had returned more than {@link #BOUND} before the read began. Runs
 * {@code cacheweave.test.stale-seconds} seconds (default 12) per test.
 *
 * <ul>
 *   <li>Issue 13, item 3: the writer invalidates the entity's key by pattern (its entries deleted in Redis).</li>
 *   <li>Issue 14, item 1: the entities are spread over 5 operations and the writer invalidates the entity's whole
 *       operation, which bumps the operation's generation in Redis instead of deleting its entries (the old entries
 *       stay readable in Redis until their TTL): neither the memory tier nor an old generation's entry may serve.</li>
 * </ul>
 */
class StaleReadsAfterLostSubscriptionIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private static final int ENTITIES = 50;
    private static final int MAX_VERSIONS = 4096;
    private static final Duration BOUND = Duration.ofMillis(200);
    private static final long KILL_EVERY_MILLIS = 3000;

    private RedisServer redis;
    private CacheRuntime writerNode;
    private CacheRuntime readerNode;
    /** The "database": the current version of each entity. */
    private final AtomicLongArray versions = new AtomicLongArray(ENTITIES);
    /** When the invalidation that made version v of entity e current returned: [e * MAX_VERSIONS + v]. */
    private final AtomicLongArray invalidatedAt = new AtomicLongArray(ENTITIES * MAX_VERSIONS);
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong staleReads = new AtomicLong();
    private final LongAccumulator worstNanos = new LongAccumulator(Math::max, 0);
    private final AtomicLong failedReads = new AtomicLong();
    private volatile boolean running = true;

    @BeforeEach
    void start() {
        redis = RedisServers.local(); // own process: the test kills its clients
        Settings settings = Settings.builder().redis(r -> r.url(redis.url())).core(c -> c.namespace(redis.namespace())
                .invalidationMaxStaleness(BOUND)).build();
        writerNode = CacheRuntime.builder().settings(settings).build();
        readerNode = CacheRuntime.builder().settings(settings).build();
    }

    @AfterEach
    void stop() {
        running = false;
        writerNode.close();
        readerNode.close();
        redis.close();
    }

    /** How many operations the entities are spread over (entity e belongs to {@code entity<e % operations>}). */
    private int operations;
    /** What the writer does after updating entity e. */
    private java.util.function.IntConsumer invalidate;

    @Test
    void killedSubscriptions_patternInvalidations_noReadOlderThanTheBound() throws Exception {
        // what @Invalidate(pattern = "entity0:{id}") does
        run(1, e -> writerNode.invalidatePattern("entity0:" + e, "update"));
    }

    @Test
    void killedSubscriptions_operationInvalidations_noReadOlderThanTheBound() throws Exception {
        // what @Invalidate(operation = "entity<n>") does: the operation's next generation, no key deleted
        run(5, e -> writerNode.invalidateOperation("entity" + e % operations, "update"));
    }

    private void run(int operations, java.util.function.IntConsumer invalidate) throws Exception {
        this.operations = operations;
        this.invalidate = invalidate;
        MethodCache[] writer = new MethodCache[operations];
        MethodCache[] reader = new MethodCache[operations];
        for (int op = 0; op < operations; op++) {
            writer[op] = WovenCalls.textMethod(writerNode, "entity" + op, 600, false);
            reader[op] = WovenCalls.textMethod(readerNode, "entity" + op, 600, false);
        }
        long seconds = Long.getLong("cacheweave.test.stale-seconds", 12);
        List<Thread> threads = new ArrayList<>();
        threads.add(thread("writer", () -> write(writer)));
        threads.add(thread("reader-1", () -> read(reader)));
        threads.add(thread("reader-2", () -> read(reader)));
        threads.forEach(Thread::start);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        int kills = 0;
        while (System.nanoTime() - end < 0) {
            Thread.sleep(Math.min(KILL_EVERY_MILLIS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            if (System.nanoTime() - end < 0) {
                redis.call("CLIENT", "KILL", "TYPE", "pubsub");
                kills++;
            }
        }
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
        io.cacheweave.runtime.tier.BusHealth health = readerNode.busHealth();
        String summary = String.format("%d s, %d kills, %d updates, %d reads (%d memory-tier hits, %d entries not "
                + "served while the bus was not known healthy), %d stale reads (older than %d ms), worst %.1f ms",
                seconds, kills, totalUpdates(), reads.get(), memoryHits(reader),
                health == null ? 0 : health.bypasses(), staleReads.get(), BOUND.toMillis(), worstNanos.get() / 1e6);
        if (Boolean.getBoolean("cacheweave.test.report")) {
            System.out.println("stale reads: " + summary);
        }
        assertTrue(kills >= 3, summary);
        assertTrue(reads.get() > 1000, summary);
        assertTrue(memoryHits(reader) > reads.get() / 10, "the memory tier still serves: " + summary);
        assertEquals(0, failedReads.get(), summary);
        assertEquals(0, staleReads.get(), summary);
    }

    private void write(MethodCache[] writer) {
        while (running) {
            int e = ThreadLocalRandom.current().nextInt(ENTITIES);
            long v = versions.incrementAndGet(e);
            if (v >= MAX_VERSIONS) {
                return;
            }
            invalidate.accept(e);
            invalidatedAt.set(e * MAX_VERSIONS + (int) v, System.nanoTime());
            try {
                call(writer, e); // the writer reads its own entities too, as a node of the application would
                Thread.sleep(100);
            } catch (Exception interrupted) {
                return;
            }
        }
    }

    private void read(MethodCache[] reader) {
        while (running) {
            int e = ThreadLocalRandom.current().nextInt(ENTITIES);
            long begun = System.nanoTime();
            long v;
            try {
                v = call(reader, e);
            } catch (Exception failed) {
                failedReads.incrementAndGet();
                continue;
            }
            reads.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000); // a busy reader, not one that owns the machine
            long supersededAt = v + 1 < MAX_VERSIONS ? invalidatedAt.get(e * MAX_VERSIONS + (int) v + 1) : 0;
            if (supersededAt != 0 && begun - supersededAt > BOUND.toNanos()) {
                staleReads.incrementAndGet();
                worstNanos.accumulate(begun - supersededAt);
            }
        }
    }

    /** @return the version the call returned */
    private long call(MethodCache[] methods, int entity) throws Exception {
        MethodCache m = methods[entity % operations];
        String id = Integer.toString(entity);
        String value = (String) WovenCalls.call(m, id, () -> id + "@" + versions.get(entity));
        return Long.parseLong(value.substring(value.indexOf('@') + 1));
    }

    private static long memoryHits(MethodCache[] methods) {
        long n = 0;
        for (MethodCache m : methods) {
            io.cacheweave.runtime.stats.OperationStats stats = m.operationStats();
            n += stats.hits() - stats.sharedHits();
        }
        return n;
    }

    private long totalUpdates() {
        long n = 0;
        for (int e = 0; e < ENTITIES; e++) {
            n += versions.get(e);
        }
        return n;
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, "stale-reads-" + name);
        t.setDaemon(true);
        return t;
    }
}
