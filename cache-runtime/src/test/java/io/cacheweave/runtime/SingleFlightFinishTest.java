package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.codec.ValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.woven.CachedValue;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Issue 13, item 2: a single-flight entry is finished on every path, an {@code Error} thrown by the decoding of a
 * stored entry or by the load included, so a caller waiting for the same key is never held for
 * {@code cacheweave.single-flight.max-wait}. The max-wait is an hour here: a waiter left waiting would fail the
 * test by its 10-second bound, so no timing is asserted.
 */
class SingleFlightFinishTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final Duration MAX_WAIT = Duration.ofHours(1);

    /** A codec whose decoding blocks until released, then runs out of memory (as a decompression bomb did). */
    static final class ExhaustingCodec implements ValueCodec {
        final ValueCodec real = JsonValueCodec.create();
        final CountDownLatch decoding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public byte[] encode(Object value, Type type) {
            return real.encode(value, type);
        }

        @Override
        public Object decode(byte[] bytes, Type type) {
            decoding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        }
    }

    private final ManualClock clock = new ManualClock();
    private final InMemorySharedTier tier = new InMemorySharedTier(clock);
    private final ExhaustingCodec codec = new ExhaustingCodec();
    private final CacheRuntime runtime = CacheRuntime.builder()
            .settings(Settings.builder().core(c -> c.singleFlightMaxWait(MAX_WAIT)).build()).clock(clock)
            .sharedTier(tier, codec).build();

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        codec.release.countDown();
        threads.shutdownNow();
        runtime.close();
    }

    private void stored(String physicalKey) {
        tier.entries.put(physicalKey, new InMemorySharedTier.Entry(codec.real.encode("stored", String.class),
                clock.nanos() + Duration.ofMinutes(1).toNanos()));
    }

    @Test
    void wovenMethod_decodeRunsOutOfMemory_waiterLoadsAtOnce() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime, "text", 60, false);
        stored("cacheweave:v1:text:k");
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> m.enter(m.keys.key("k")), threads);
        codec.decoding.await(10, TimeUnit.SECONDS);
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> m.enter(m.keys.key("k")), threads);
        WovenCalls.awaitTrue(() -> m.operationStats().singleFlightWaits() == 1, "the second caller waits");
        codec.release.countDown();
        assertNull(first.get(10, TimeUnit.SECONDS), "the failing caller runs the method uncached");
        assertNull(second.get(10, TimeUnit.SECONDS), "the waiter is let go at once and runs the method itself");
        assertEquals("loaded", WovenCalls.call(m, "k", () -> "loaded"), "the key is not left claimed");
        assertInstanceOf(OutOfMemoryError.class,
                logs.assertLogged(Level.WARN, "failed before a load; the method runs uncached").thrown());
    }

    @Test
    void wovenMethod_bodyRunsOutOfMemory_waiterGetsTheErrorAtOnce() throws Exception {
        MethodCache m = WovenCalls.textMethod(runtime, "text", 60, false);
        Object token = m.enter(m.keys.key("k"));
        CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> m.enter(m.keys.key("k")), threads);
        WovenCalls.awaitTrue(() -> m.operationStats().singleFlightWaits() == 1, "the second caller waits");
        OutOfMemoryError error = new OutOfMemoryError("thrown by the method");
        m.exit(token, null, error);
        CachedValue handed = assertInstanceOf(CachedValue.class, waiter.get(10, TimeUnit.SECONDS));
        assertSame(error, handed.failure());
    }

    @Test
    void programmaticCache_decodeRunsOutOfMemory_waiterLoadsAtOnce() throws Exception {
        Cache<String, String> cache = runtime.cache("notes", String.class);
        stored("cacheweave:v1:notes:k");
        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> cache.getOrLoad("k", k -> "first"), threads);
        codec.decoding.await(10, TimeUnit.SECONDS);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(
                () -> cache.getOrLoad("k", k -> "second"), threads);
        WovenCalls.awaitTrue(() -> runtime.stats("notes").orElseThrow().singleFlightWaits() == 1,
                "the second caller waits");
        codec.release.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS), "the failing caller's loader answers");
        assertEquals("second", second.get(10, TimeUnit.SECONDS), "the waiter is let go at once and loads itself");
        assertInstanceOf(OutOfMemoryError.class,
                logs.assertOnce(Level.WARN, "cache notes failed before a load of k; loading without it").thrown());
    }

    @Test
    void programmaticCache_loaderRunsOutOfMemory_waiterGetsTheErrorAtOnce() throws Exception {
        Cache<String, String> cache = runtime.cache("notes", String.class);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> cache.getOrLoad("k", k -> {
            loading.countDown();
            try {
                fail.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new OutOfMemoryError("thrown by the loader");
        }), threads);
        loading.await(10, TimeUnit.SECONDS);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(
                () -> cache.getOrLoad("k", k -> "second"), threads);
        WovenCalls.awaitTrue(() -> runtime.stats("notes").orElseThrow().singleFlightWaits() == 1,
                "the second caller waits");
        fail.countDown();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> second.get(10, TimeUnit.SECONDS));
        assertInstanceOf(OutOfMemoryError.class, e.getCause(), "the loader's error reaches the waiter at once");
        assertInstanceOf(OutOfMemoryError.class, org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS)).getCause());
        assertEquals("again", cache.getOrLoad("k", k -> "again"), "the key is not left claimed");
    }

    @Test
    void programmaticAsyncCache_decodeRunsOutOfMemory_completesAndLoads() throws Exception {
        Cache<String, String> cache = runtime.cache("notes", String.class);
        stored("cacheweave:v1:notes:k");
        codec.release.countDown();
        CompletableFuture<String> first = cache.async().getOrLoad("k",
                k -> CompletableFuture.completedFuture("loaded"), Duration.ofMinutes(1));
        assertEquals("loaded", first.get(10, TimeUnit.SECONDS), "the shared future completes: the loader answers");
    }
}
