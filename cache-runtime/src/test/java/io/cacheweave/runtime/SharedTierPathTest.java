package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import io.cacheweave.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.codec.CodecException;
import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.tier.Invalidation;
import io.cacheweave.runtime.tier.InvalidationBus;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The read and write path through a shared tier: two runtimes ("nodes") over one in-memory tier. */
class SharedTierPathTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final String OP = "lookup";


    /** Text codec: "ok:" + value; anything else does not decode. */
    static final class TextCodec implements ValueCodec {
        @Override
        public byte[] encode(Object value, Type type) {
            assertEquals(String.class, type);
            return ("ok:" + value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(byte[] bytes, Type type) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.startsWith("ok:")) {
                throw new CodecException(CodecException.Reason.CHECKSUM, "corrupt: " + text, null);
            }
            return text.substring(3);
        }
    }

    /** Records what a node publishes and hands the runtime's listener to the test. */
    static final class RecordingBus implements InvalidationBus {
        final List<String> published = new ArrayList<>();
        InvalidationBus.Listener listener;

        @Override
        public void publish(Invalidation.Kind kind, String target) {
            published.add(kind + " " + target);
        }

        @Override
        public String nodeId() {
            return "test-node";
        }

        @Override
        public void close() {
        }
    }

    private final ManualClock clock = new ManualClock();
    private final InMemorySharedTier tier = new InMemorySharedTier(clock);
    private final AtomicInteger loads = new AtomicInteger();

    private CacheRuntime node(RecordingBus bus) {
        return CacheRuntime.builder().settings(Settings.builder()
                .core(c -> c.namespace("app").schemaVersion(2)).build())
                .clock(clock).sharedTier(tier, new TextCodec())
                .invalidationBus(listener -> {
                    bus.listener = listener;
                    return bus;
                }).build();
    }

    private MethodCache method(CacheRuntime runtime, long ttlSeconds) {
        return WovenCalls.textMethod(runtime, OP, ttlSeconds, false);
    }

    private Object call(MethodCache m, String id) throws Exception {
        return WovenCalls.call(m, id, () -> {
            loads.incrementAndGet();
            return "v:" + id;
        });
    }

    @Test
    void miss_writesThroughToTheSharedTier_underThePhysicalKey_withTheTtl() throws Exception {
        MethodCache a = method(node(new RecordingBus()), 60);
        assertEquals("v:1", call(a, "1"));

        InMemorySharedTier.Entry e = tier.entries.get("app:v2:lookup:1");
        assertEquals("ok:v:1", new String(e.bytes(), StandardCharsets.UTF_8));
        assertEquals(Duration.ofSeconds(60).toNanos(), e.expiresAtNanos() - clock.nanos());
        assertEquals(1, a.operationStats().sharedWrites());
    }

    @Test
    void otherNode_missesItsMemoryTier_andIsServedByTheSharedTier_withoutLoading() throws Exception {
        MethodCache a = method(node(new RecordingBus()), 60);
        MethodCache b = method(node(new RecordingBus()), 60);
        call(a, "1");
        assertEquals("v:1", call(b, "1"));
        int tierReads = tier.gets.get();
        assertEquals("v:1", call(b, "1"));

        assertEquals(1, loads.get());
        OperationStats stats = b.operationStats();
        assertEquals(1, stats.sharedHits());
        assertEquals(2, stats.hits());
        assertEquals(tierReads, tier.gets.get(), "the second call on b is a memory hit");
    }

    @Test
    void promotedEntry_keepsItsRemainingTtl_neverLonger() throws Exception {
        MethodCache a = method(node(new RecordingBus()), 60);
        MethodCache b = method(node(new RecordingBus()), 60);
        call(a, "1");
        clock.advance(Duration.ofSeconds(50)); // 10 s left in the shared tier
        call(b, "1");
        clock.advance(Duration.ofSeconds(11));

        assertEquals("v:1", call(b, "1"));
        assertEquals(2, loads.get(), "b's copy expired with the shared entry, after 10 s, not 60 s");
    }

    @Test
    void undecodableEntry_isAMiss_isDeleted_andCounted() throws Exception {
        MethodCache a = method(node(new RecordingBus()), 60);
        tier.put("app:v2:lookup:1", "garbage".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));

        assertEquals("v:1", call(a, "1"));
        assertEquals(1, loads.get());
        assertEquals(1, a.operationStats().decodeFailures());
        assertEquals("ok:v:1", new String(tier.entries.get("app:v2:lookup:1").bytes(), StandardCharsets.UTF_8),
                "the corrupt entry was replaced by the fresh result");
        logs.assertOnce(Level.WARN, "removing an entry of lookup that does not decode as java.lang.String (CHECKSUM)");
    }

    @Test
    void failingTier_failsOpen_theMethodRunsAndTheMemoryTierStillWorks() throws Exception {
        MethodCache a = method(node(new RecordingBus()), 60);
        tier.failing.set(true);

        assertEquals("v:1", call(a, "1"));
        assertEquals("v:1", call(a, "1"));
        assertEquals(1, loads.get());
        logs.assertOnce(Level.WARN, "shared tier read of app:v2:lookup:1 failed; treated as a miss");
        logs.assertOnce(Level.WARN, "shared tier write of [lookup:1] failed");
    }

    @Test
    void invalidatePattern_removesFromBothTiers_andTellsTheOtherNodes() throws Exception {
        RecordingBus bus = new RecordingBus();
        CacheRuntime runtime = node(bus);
        MethodCache a = method(runtime, 60);
        call(a, "1");
        call(a, "2");

        runtime.invalidatePattern("lookup:1");

        assertNull(tier.entries.get("app:v2:lookup:1"));
        assertTrue(tier.entries.containsKey("app:v2:lookup:2"));
        assertFalse(a.inMemory("1"));
        assertTrue(a.inMemory("2"));
        assertEquals(List.of("PATTERN lookup:1"), bus.published);
    }

    @Test
    void invalidateOperation_removesEverySharedEntryOfIt() throws Exception {
        RecordingBus bus = new RecordingBus();
        CacheRuntime runtime = node(bus);
        call(method(runtime, 60), "1");
        tier.put("app:v2:other:1", new byte[] {1}, Duration.ofSeconds(60));

        runtime.invalidateOperation(OP);

        assertEquals(List.of("app:v2:other:1"), List.copyOf(tier.entries.keySet()));
        assertEquals(List.of("OPERATION lookup"), bus.published);
    }

    @Test
    void remoteInvalidation_dropsOnlyTheMemoryCopies_andLostMessagesClearEverything() throws Exception {
        RecordingBus bus = new RecordingBus();
        MethodCache b = method(node(bus), 60);
        call(b, "1");
        call(b, "2");

        bus.listener.onInvalidation(new Invalidation("other", 1, Invalidation.Kind.PATTERN, "lookup:1"));
        assertFalse(b.inMemory("1"));
        assertTrue(b.inMemory("2"));
        assertTrue(tier.entries.containsKey("app:v2:lookup:1"), "the sender already removed shared entries");
        assertEquals(List.of(), bus.published, "a remote invalidation is not published again");

        bus.listener.onMessagesLost("gap");
        assertFalse(b.inMemory("2"));
    }
}
