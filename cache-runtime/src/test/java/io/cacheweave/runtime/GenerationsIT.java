package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.tier.BusHealth;
import io.cacheweave.runtime.tier.RedisInvalidationBus;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.RedisTierConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 1: invalidating an operation, a programmatic cache or a tag bumps a generation in Redis (one round
 * trip) instead of scanning; two nodes on one real redis-server, node B on a tier whose reads a test can hold.
 */
class GenerationsIT {
    private RedisServer redis;
    private Settings settings;
    private CacheRuntime nodeA;
    private CacheRuntime nodeB;
    private PausingTier tierB;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void start() {
        redis = RedisServers.standalone();
        settings = redis.settings().build(); // timeouts for a busy machine: about generations, not latency
        nodeA = CacheRuntime.builder().settings(settings).build();
        RedisTierConfig config = redis.tierConfig();
        tierB = new PausingTier(RedisTier.connect(config));
        nodeB = CacheRuntime.builder().settings(settings).sharedTier(tierB, SharedTiers.codec(settings))
                .invalidationBus(listener -> RedisInvalidationBus.connect(config,
                        redis.namespace() + ":invalidations", listener, new BusHealth(Duration.ofMillis(200))))
                .build();
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    private Object call(MethodCache m, String id) throws Exception {
        return WovenCalls.call(m, id, () -> id + "#" + loads.incrementAndGet());
    }

    /** @return a node on the same Redis without an invalidation bus: it hears of no other node's invalidation */
    private CacheRuntime deafNode() {
        return CacheRuntime.builder().settings(settings)
                .sharedTier(RedisTier.connect(redis.tierConfig()), SharedTiers.codec(settings)).build();
    }

    /** Waits past max-staleness (200 ms): a node without a bus then no longer trusts the generations it knows. */
    private static void outlastMaxStaleness() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long known(CacheRuntime node, String operation) {
        return node.sharedTier().generations().known(Generations.operationId(operation));
    }

    @Test
    void invalidatingAnOperation_bumpsItsGeneration_withoutDeletingAKey() throws Exception {
        MethodCache a = WovenCalls.textMethod(nodeA, "user", 600, false);
        MethodCache b = WovenCalls.textMethod(nodeB, "user", 600, false);
        Object first = call(a, "1");
        assertEquals(first, call(b, "1"), "B is served A's value from Redis");
        Set<String> before = Set.copyOf(redis.keys());
        assertTrue(before.contains(redis.namespace() + ":v1:user:1"), before.toString());

        nodeA.invalidateOperation("user", "import");

        long generation = known(nodeA, "user");
        assertTrue(generation > 0, "the generation is bumped: " + generation);
        assertEquals(String.valueOf(generation), redis.call("GET", redis.namespace() + ":gen:v1:op:user"));
        assertTrue(redis.keys().containsAll(before), "no entry deleted: old ones expire by their TTL");
        WovenCalls.awaitTrue(() -> known(nodeB, "user") == generation, "B learns the generation from the bus");
        WovenCalls.awaitTrue(() -> !WovenCalls.isCached(b, "1"), "B dropped its copy");
        Object second = call(b, "1");
        assertFalse(first.equals(second), "B loads again: " + second);
        assertEquals(second, call(a, "1"), "A reads what B stored under the new generation");
        assertTrue(redis.keys().contains(redis.namespace() + ":v1:user\\g" + generation + ":1"), redis.keys()
                .toString());
    }

    /**
     * A load on a node that has not heard of an invalidation (here: no bus at all, so after max-staleness it reads
     * generations again instead of trusting what it knows) began before another node bumped the operation's
     * generation and writes after it: it must write under the generation it read when it began, where nobody reads,
     * not under the new one, where its stale value would be served to every node until its TTL.
     */
    @Test
    void aLoadThatBeganBeforeTheBump_writesUnderTheOldGeneration() throws Exception {
        try (CacheRuntime deaf = deafNode()) {
            MethodCache c = WovenCalls.textMethod(deaf, "report", 600, false);
            Object token = c.enter("q3");
            assertFalse(token instanceof io.cacheweave.runtime.woven.CachedValue, "a miss: the load begins");
            nodeA.invalidateOperation("report", "the data behind report:q3 changed");
            outlastMaxStaleness();
            c.exit(token, "stale report", null);

            MethodCache a = WovenCalls.textMethod(nodeA, "report", 600, false);
            Object fresh = call(a, "q3");
            assertFalse("stale report".equals(fresh), "A must not be served the load that began before the bump");
            long generation = known(nodeA, "report");
            assertTrue(redis.keys().contains(redis.namespace() + ":v1:report:q3"),
                    "the stale value went to the old generation's key: " + redis.keys());
            assertTrue(generation > 0);
        }
    }

    /** The same for a programmatic cache's load ({@code getOrLoad}) and a clear of the cache on another node. */
    @Test
    void aProgrammaticLoadThatBeganBeforeTheClear_writesUnderTheOldGeneration() throws Exception {
        try (CacheRuntime deaf = deafNode()) {
            Cache<String, Note> c = deaf.cache("ledger", Note.class);
            Cache<String, Note> a = nodeA.cache("ledger", Note.class);
            Note stale = c.getOrLoad("q3", k -> {
                a.clear(); // another node invalidates the cache while this load runs
                outlastMaxStaleness();
                return new Note("stale", 1);
            }, Duration.ofMinutes(10));
            assertEquals(new Note("stale", 1), stale, "the caller gets what it loaded");
            assertNull(a.get("q3"), "A must not be served the load that began before the clear");
            assertTrue(redis.keys().contains(redis.namespace() + ":v1:ledger:q3"),
                    "the stale value went to the old generation's key: " + redis.keys());
        }
    }

    /** The same for an asynchronous load, whose loader's future completes after the clear on another node. */
    @Test
    void anAsyncLoadThatBeganBeforeTheClear_writesUnderTheOldGeneration() throws Exception {
        try (CacheRuntime deaf = deafNode()) {
            Cache<String, Note> c = deaf.cache("journal", Note.class);
            Cache<String, Note> a = nodeA.cache("journal", Note.class);
            CompletableFuture<Note> later = new CompletableFuture<>();
            java.util.concurrent.CountDownLatch began = new java.util.concurrent.CountDownLatch(1);
            CompletableFuture<Note> loaded = c.async().getOrLoad("q3", k -> {
                began.countDown();
                return later;
            }, Duration.ofMinutes(10));
            assertTrue(began.await(10, TimeUnit.SECONDS), "the load began");
            a.clear(); // another node invalidates the cache while the load runs
            outlastMaxStaleness();
            later.complete(new Note("stale", 1));
            assertEquals(new Note("stale", 1), loaded.get(10, TimeUnit.SECONDS), "the caller gets what it loaded");
            WovenCalls.awaitTrue(() -> redis.keys().contains(redis.namespace() + ":v1:journal:q3"),
                    "the stale value is written, to the old generation's key");
            assertNull(a.get("q3"), "A must not be served the load that began before the clear");
        }
    }

    @Test
    void aRestartedNode_readsTheGenerationFromRedis() throws Exception {
        MethodCache a = WovenCalls.textMethod(nodeA, "report", 600, false);
        Object old = call(a, "q");
        nodeA.invalidateOperation("report");
        try (CacheRuntime restarted = CacheRuntime.builder().settings(settings).build()) {
            assertEquals(Generations.UNKNOWN, known(restarted, "report"));
            MethodCache c = WovenCalls.textMethod(restarted, "report", 600, false);
            Object fresh = call(c, "q");
            assertFalse(old.equals(fresh), "the old generation's entry is not read: " + fresh);
            assertEquals(known(nodeA, "report"), known(restarted, "report"));
            assertEquals(fresh, call(a, "q"));
        }
    }

    /**
     * The lost attempt's failure: B's miss read the old generation's entry, A invalidated the operation, and B
     * promoted what it had read into memory after its local clear, serving it from then on.
     */
    @Test
    void aReadInFlightOnB_doesNotPromoteTheOldGenerationsEntry() throws Exception {
        MethodCache a = WovenCalls.textMethod(nodeA, "doc", 600, false);
        MethodCache b = WovenCalls.textMethod(nodeB, "doc", 600, false);
        Object old = call(a, "d");
        tierB.holdNextGet();
        CompletableFuture<Object> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return call(b, "d");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        tierB.awaitHeld(); // B has read the old entry and not yet promoted it
        nodeA.invalidateOperation("doc");
        long generation = known(nodeA, "doc");
        WovenCalls.awaitTrue(() -> known(nodeB, "doc") == generation, "B applied the invalidation");
        tierB.release();
        assertEquals(old, inFlight.get(10, TimeUnit.SECONDS), "a read that began before the invalidation");
        assertFalse(WovenCalls.isCached(b, "d"), "not promoted into B's memory tier");
        assertFalse(old.equals(call(b, "d")), "B's next call does not return the old value");
    }

    @Test
    void clearingAProgrammaticCache_onA_reachesBsMemoryAndRedisReads() throws Exception {
        Cache<String, Note> a = nodeA.cache("notes", Note.class);
        ProgrammaticCache<String, Note> b = (ProgrammaticCache<String, Note>) nodeB.<String, Note>cache("notes", Note.class);
        a.put("k", new Note("v", 1));
        WovenCalls.awaitTrue(() -> new Note("v", 1).equals(b.get("k")) && b.core.peek(b.render("k")) != null,
                "B holds k");
        tierB.holdNextGet();
        CompletableFuture<Note> inFlight = CompletableFuture.supplyAsync(() -> b.get("other"));
        tierB.awaitHeld();
        a.clear();
        long generation = known(nodeA, "notes");
        WovenCalls.awaitTrue(() -> b.core.peek(b.render("k")) == null, "B dropped k");
        WovenCalls.awaitTrue(() -> known(nodeB, "notes") == generation, "B learned the generation");
        tierB.release();
        assertNull(inFlight.get(10, TimeUnit.SECONDS));
        assertNull(b.get("k"), "the old entry is still in Redis, under the old generation, and is not read");
        assertEquals(List.of(), b.keys(""), "nor listed");
        a.put("k", new Note("w", 1));
        assertEquals(new Note("w", 1), b.get("k"));
        assertEquals(List.of("k"), b.keys(""));
    }

    @Test
    void tags_invalidateAcrossCachesAndNodes_inOneRoundTrip() throws Exception {
        Cache<String, Note> notesA = nodeA.cache("notes", Note.class);
        Cache<String, Note> draftsA = nodeA.cache("drafts", Note.class);
        ProgrammaticCache<String, Note> notesB = (ProgrammaticCache<String, Note>) nodeB.<String, Note>cache("notes",
                Note.class);
        Duration ttl = Duration.ofMinutes(5);
        notesA.put("1", new Note("one", 1), ttl, List.of("user:7", "team:1"));
        draftsA.put("1", new Note("draft", 1), ttl, List.of("user:7"));
        notesA.put("2", new Note("two", 2), ttl, List.of("user:8"));
        notesA.put("3", new Note("three", 3));
        WovenCalls.awaitTrue(() -> notesB.get("1") != null && notesB.core.peek(notesB.render("1")) != null,
                "B holds 1");
        long keys = (Long) redis.call("DBSIZE");

        assertEquals(2, nodeA.invalidateTag("user:7", "user 7 changed"));
        long tagGeneration = nodeA.sharedTier().generations().known(Generations.tagId("user:7"));

        assertEquals(keys + 1, (Long) redis.call("DBSIZE"), "only the tag's counter is new: nothing is scanned");
        assertNull(notesA.get("1"));
        assertNull(draftsA.get("1"));
        // B's copy may also go earlier, by A's own (late) message about its put: await the tag's message itself
        WovenCalls.awaitTrue(() -> nodeB.sharedTier().generations().known(Generations.tagId("user:7"))
                == tagGeneration, "B learned the tag's generation");
        WovenCalls.awaitTrue(() -> notesB.core.peek(notesB.render("1")) == null, "B dropped the tagged entry");
        assertNull(notesB.get("1"), "B reads the entry from Redis and finds its tag's generation old");
        assertEquals(new Note("two", 2), notesB.get("2"), "another tag's entry stays");
        assertEquals(new Note("three", 3), notesB.get("3"), "an untagged entry stays");
        notesA.put("1", new Note("uno", 1), ttl, List.of("user:7"));
        assertEquals(new Note("uno", 1), notesB.get("1"), "written again, with the tag's new generation");
        nodeB.invalidateTag("team:1");
        assertEquals(new Note("uno", 1), notesA.get("1"), "the new entry no longer carries team:1");
    }

    /** What the processor generates for {@code @Cached(operation = ..., tags = "user:{id}") String m(String id)}. */
    private static final class TaggedKeys extends io.cacheweave.runtime.key.KeyFunction {
        @Override
        public Object key(Object a0) {
            return io.cacheweave.runtime.key.Keys.single(a0);
        }

        @Override
        public Object key(Object[] args) {
            return key(args[0]);
        }

        @Override
        public void render(Object key, io.cacheweave.runtime.key.KeyWriter out) {
            out.value(io.cacheweave.runtime.key.Keys.unwrap(key));
        }

        @Override
        public String[] tags(Object key, int hashThreshold) {
            return new String[] {io.cacheweave.runtime.key.KeyWriter.forKey(hashThreshold).literal("user:")
                    .value(io.cacheweave.runtime.key.Keys.unwrap(key)).toString()};
        }
    }

    private static MethodCache tagged(CacheRuntime node, String operation) {
        MethodCache m = new MethodCache(WovenCalls.spec(operation, 600), new TaggedKeys());
        node.attach(m);
        return m;
    }

    @Test
    void wovenTags_invalidateEveryOperationsEntriesOfTheTag_onEveryNode() throws Exception {
        MethodCache profileA = tagged(nodeA, "profile");
        MethodCache ordersA = tagged(nodeA, "orders");
        MethodCache profileB = tagged(nodeB, "profile");
        Object p7 = call(profileA, "7");
        Object o7 = call(ordersA, "7");
        Object p8 = call(profileA, "8");
        assertEquals(p7, call(profileB, "7"), "from Redis, tags and all");
        assertTrue(WovenCalls.isCached(profileB, "7"));

        nodeA.invalidateTag("user:7");

        assertFalse(WovenCalls.isCached(profileA, "7"));
        assertFalse(WovenCalls.isCached(ordersA, "7"), "every operation's entries of the tag");
        assertTrue(WovenCalls.isCached(profileA, "8"), "another tag's entry stays");
        WovenCalls.awaitTrue(() -> !WovenCalls.isCached(profileB, "7"), "B dropped its copy");
        assertFalse(p7.equals(call(profileB, "7")), "B finds the entry in Redis with an old tag generation");
        assertFalse(o7.equals(call(ordersA, "7")));
        assertEquals(p8, call(profileB, "8"), "from Redis: its tag was not invalidated");
    }
}
