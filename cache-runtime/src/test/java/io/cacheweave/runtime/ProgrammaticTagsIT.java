package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheFixture.Note;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tags on every programmatic write path, not only the synchronous {@code put}: the asynchronous view's
 * {@code put} and {@code putAll}, the synchronous {@code putAll}, and loads of both views; two nodes on one real
 * redis-server, so that a tag invalidated on one reaches the entries written by every path on both.
 */
class ProgrammaticTagsIT {
    private static final Duration TTL = Duration.ofMinutes(5);

    private RedisServer redis;
    private CacheRuntime nodeA;
    private CacheRuntime nodeB;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void start() {
        redis = RedisServers.standalone();
        Settings settings = redis.settings().build(); // timeouts for a busy machine: about tags, not latency
        nodeA = CacheRuntime.builder().settings(settings).build();
        nodeB = CacheRuntime.builder().settings(settings).build();
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static Note note(String text) {
        return new Note(text, text.length());
    }

    private long known(CacheRuntime node, String tag) {
        return node.sharedTier().generations().known(Generations.tagId(tag));
    }

    @Test
    void everyWritePath_carriesTags_andATagInvalidationReachesTheirEntriesOnEveryNode() throws Exception {
        Cache<String, Note> syncA = nodeA.cache("notes", Note.class);
        AsyncCache<String, Note> a = syncA.async();
        ProgrammaticCache<String, Note> b = (ProgrammaticCache<String, Note>) nodeB.<String, Note>cache("notes",
                Note.class);
        done(a.put("put", note("put"), TTL, List.of("user:7")));
        done(a.putAll(Map.of("all-1", note("all-1"), "all-2", note("all-2")), TTL, List.of("team:1", "user:7")));
        syncA.putAll(Map.of("sync-all", note("sync-all")), TTL, List.of("user:7"));
        assertEquals(note("async-load"), done(a.getOrLoad("async-load",
                k -> CompletableFuture.completedFuture(note(k)), TTL, List.of("user:7"))));
        assertEquals(note("sync-load"), syncA.getOrLoad("sync-load", k -> note(k), TTL, List.of("user:7")));
        done(a.put("other", note("other"), TTL, List.of("user:8")));
        done(a.put("plain", note("plain"), TTL, List.of())); // no tags: a plain put
        List<String> tagged = List.of("put", "all-1", "all-2", "sync-all", "async-load", "sync-load");
        for (String key : tagged) {
            WovenCalls.awaitTrue(() -> note(key).equals(b.get(key)) && b.core.peek(b.render(key)) != null,
                    "B holds " + key + " from Redis, with its tags");
        }
        long keys = (Long) redis.call("DBSIZE");

        assertEquals(tagged.size(), nodeA.invalidateTag("user:7", "user 7 changed"), "A's memory copies of the tag");

        assertEquals(keys + 1, (Long) redis.call("DBSIZE"), "only the tag's counter is new: nothing is scanned");
        long generation = known(nodeA, "user:7");
        // B learns the generation, then empties its memory tier of the tag (LocalInvalidations.tag); a copy may also
        // have gone earlier, by A's own late message about its put
        WovenCalls.awaitTrue(() -> known(nodeB, "user:7") == generation, "B learned the tag's generation");
        for (String key : tagged) {
            WovenCalls.awaitTrue(() -> b.core.peek(b.render(key)) == null, "B dropped its copy of " + key);
            assertNull(b.get(key), "B finds " + key + " in Redis with the tag's old generation");
            assertNull(done(a.get(key)), "so does A: " + key);
        }
        assertEquals(note("other"), b.get("other"), "another tag's entry stays");
        assertEquals(note("plain"), b.get("plain"), "an untagged entry stays");
        assertEquals(note("reloaded"), done(a.getOrLoad("async-load",
                k -> CompletableFuture.completedFuture(note("reloaded")), TTL, List.of("user:7"))),
                "loaded again after the invalidation");
        assertEquals(note("reloaded"), b.get("async-load"), "stored with the tag's new generation");
        nodeB.invalidateTag("team:1");
        assertEquals(note("reloaded"), syncA.get("async-load"), "the reloaded entry carries only user:7");
    }

    @Test
    void badTags_throwFromTheCall_andNothingIsStored() throws Exception {
        AsyncCache<String, Note> a = nodeA.<String, Note>cache("notes", Note.class).async();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> a.put("k", note("v"), TTL, List.of("user:1", "")));
        assertEquals("a tag must be non-empty text, not \"\"", empty.getMessage());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add("t" + i);
        }
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> a.putAll(Map.of("k", note("v")), TTL, many));
        assertEquals("an entry may carry at most 64 tags, not 65", tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.getOrLoad("k",
                k -> CompletableFuture.completedFuture(note(k)), TTL, List.of("")));
        assertEquals(0, loads.get());
        assertNull(done(a.get("k")));
        assertEquals(List.of(), redis.keys(redis.namespace() + ":v1:*"), "nothing reached Redis");
    }

    /**
     * A load during which its tag is invalidated returns its value to the caller but does not keep it, in memory or
     * in Redis (it would be written with the tag's new generation: the invalidation's epoch makes the load delete
     * its write again).
     */
    @Test
    void aTagInvalidatedDuringALoad_theLoadedValueIsNotKept() throws Exception {
        Cache<String, Note> a = nodeA.cache("notes", Note.class);
        ProgrammaticCache<String, Note> b = (ProgrammaticCache<String, Note>) nodeB.<String, Note>cache("notes",
                Note.class);
        Note loaded = a.getOrLoad("k", k -> {
            loads.incrementAndGet();
            nodeA.invalidateTag("user:9"); // while this load runs
            return note("loaded");
        }, TTL, List.of("user:9"));
        assertEquals(note("loaded"), loaded);
        assertNull(a.get("k"), "neither in A's memory nor in Redis under a current tag generation");
        assertNull(b.get("k"), "nor read by B");
        assertEquals(1, loads.get());
    }

    /** Extending an entry's TTL keeps its tags in the memory tier (it used to drop them: a later tag missed it). */
    @Test
    void extendTtl_keepsTheTags() throws Exception {
        Cache<String, Note> a = nodeA.cache("notes", Note.class);
        a.put("k", note("v"), TTL, List.of("user:3"));
        assertTrue(a.extendTtl("k", 60));
        nodeA.invalidateTag("user:3");
        assertNull(a.get("k"));
    }
}
