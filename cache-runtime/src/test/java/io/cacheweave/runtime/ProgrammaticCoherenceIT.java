package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes ("nodes") on one real Redis, as two JVMs would be: each sees the other's puts, and the other's puts,
 * deletes and invalidations reach its memory tier through the invalidation bus.
 */
class ProgrammaticCoherenceIT {
    private RedisServer redis;
    private CacheRuntime nodeA;
    private CacheRuntime nodeB;
    private Cache<String, Note> a;
    private ProgrammaticCache<String, Note> b;

    @BeforeEach
    void start() {
        redis = RedisServers.standalone();
        Settings settings = redis.settings().build(); // timeouts for a busy machine: about coherence, not latency
        nodeA = CacheRuntime.builder().settings(settings).build();
        nodeB = CacheRuntime.builder().settings(settings).build();
        a = nodeA.cache("notes", Note.class);
        b = (ProgrammaticCache<String, Note>) nodeB.<String, Note>cache("notes", Note.class);
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    private static Note note(String text) {
        return new Note(text, text.length());
    }

    /**
     * Reads {@code key} on B until B's memory tier holds it: a read that overlaps A's own message about its put
     * (which B receives asynchronously) does not promote, by design.
     */
    private void warmB(String key, Note expected) throws InterruptedException {
        WovenCalls.awaitTrue(() -> expected.equals(b.get(key)) && b.core.peek(b.render(key)) != null,
                "B holds " + key + " in memory");
    }

    private long invalidationsOnB() {
        return nodeB.stats("notes").map(OperationStats::invalidations).orElse(0L);
    }

    /**
     * Waits until B has applied one more invalidation of the cache than {@code before}: the count rises after B
     * learned a new generation (or ran the pattern) and emptied its memory tier. Waiting for B's copy to go is not
     * enough: A's own message about an earlier put can drop it first, and that message says nothing about the
     * generation. This test is about what reaches B; the time it takes (at most
     * {@code cacheweave.invalidation.max-staleness}) is TwoNodeCoherenceIT's and the StaleReads ITs' subject.
     */
    private void awaitAppliedOnB(long before, String what) throws InterruptedException {
        WovenCalls.awaitTrue(() -> invalidationsOnB() > before, "B applied " + what);
    }

    private void awaitDroppedOnB(String key) throws InterruptedException {
        WovenCalls.awaitTrue(() -> b.core.peek(b.render(key)) == null, "B dropped its copy of " + key);
    }

    @Test
    void putOnA_servedToB_fromRedis() {
        a.put("k", note("v"));
        assertEquals(note("v"), b.get("k"));
        assertEquals(1, nodeB.stats("notes").orElseThrow().sharedHits());
        assertTrue(redis.keys().contains(redis.namespace() + ":v1:notes:k"), redis.keys().toString());
    }

    @Test
    void secondPutOnA_replacesBsMemoryCopy() throws InterruptedException {
        a.put("k", note("old"));
        warmB("k", note("old"));
        a.put("k", note("new"));
        awaitDroppedOnB("k");
        assertEquals(note("new"), b.get("k"));
    }

    @Test
    void deletePatternClearAndOperation_onA_reachB() throws InterruptedException {
        a.putAll(Map.of("x-1", note("1"), "x-2", note("2"), "y", note("y")), Duration.ofMinutes(5));
        warmB("x-1", note("1"));
        a.delete("x-1");
        awaitDroppedOnB("x-1");
        assertNull(b.get("x-1"));

        warmB("x-2", note("2"));
        long before = invalidationsOnB();
        assertEquals(1, a.invalidatePattern("x-*", "import finished"));
        awaitAppliedOnB(before, "the pattern");
        assertNull(b.core.peek(b.render("x-2")), "B dropped its copy of x-2");
        assertNull(b.get("x-2"));

        warmB("y", note("y"));
        before = invalidationsOnB();
        assertEquals(1, a.clear());
        awaitAppliedOnB(before, "the clear");
        assertNull(b.core.peek(b.render("y")), "B dropped its copy of y");
        assertNull(b.get("y"));

        a.put("z", note("z"));
        warmB("z", note("z"));
        before = invalidationsOnB();
        nodeA.invalidateOperation("notes"); // what @Invalidate(operation = "notes") does
        awaitAppliedOnB(before, "the operation invalidation");
        assertNull(b.core.peek(b.render("z")), "B dropped its copy of z");
        assertNull(b.get("z"));
    }

    @Test
    void batchesKeysAndTtl_acrossNodes() {
        a.putAll(Map.of("p-1", note("1"), "p-2", note("2")), Duration.ofMinutes(5));
        assertEquals(Map.of("p-1", note("1"), "p-2", note("2")), b.getAll(List.of("p-1", "p-2", "p-3")));
        assertEquals(List.of("p-1", "p-2"), nodeB.cache("notes", Note.class).keys("p-"));
        assertTrue(a.extendTtl("p-1", 600));
        Duration left = b.remainingTtl("p-1").orElseThrow();
        assertTrue(left.compareTo(Duration.ofMinutes(14)) > 0, left.toString());
    }
}
