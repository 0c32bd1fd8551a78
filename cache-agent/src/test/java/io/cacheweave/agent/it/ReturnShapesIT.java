package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Futures, optionals and absent results through woven methods. */
class ReturnShapesIT {
    private final ReturnShapesService service = new ReturnShapesService();

    @BeforeEach
    void memoryOnly() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
    }

    @AfterEach
    void reset() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
    }

    @Test
    void future_missCachesTheValueOnceCompleted_hitReturnsACompletedFuture() throws Exception {
        CompletableFuture<String> first = service.future("a");
        assertTrue(!first.isDone());
        service.pending.complete("value-a");

        CompletableFuture<String> second = service.future("a");
        assertTrue(second.isDone());
        assertEquals("value-a", second.get());
        assertEquals(1, service.futureRuns.get());
    }

    @Test
    void future_concurrentCallersOfAColdKey_shareOneInFlightLoad() throws Exception {
        List<CompletableFuture<String>> callers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            callers.add(service.future("cold"));
        }
        assertEquals(1, service.futureRuns.get(), "one load while the future is pending");
        callers.get(3).cancel(true); // a waiter cancelling its copy does not cancel the shared load
        service.pending.complete("shared");
        for (int i = 0; i < callers.size(); i++) {
            if (i != 3) {
                assertEquals("shared", callers.get(i).get(5, TimeUnit.SECONDS));
            }
        }
        assertEquals("shared", service.future("cold").get());
        assertEquals(1, service.futureRuns.get());
    }

    @Test
    void future_failedOrCancelled_isNeverCached() throws Exception {
        CompletableFuture<String> failed = service.future("f");
        service.pending.completeExceptionally(new IllegalStateException("model down"));
        assertThrows(ExecutionException.class, failed::get);
        CompletableFuture<String> again = service.future("f");
        assertEquals(2, service.futureRuns.get());

        again.cancel(true);
        service.future("f");
        assertEquals(3, service.futureRuns.get());
    }

    @Test
    void completionStage_isCachedByItsValue() throws Exception {
        Summary first = service.stage("abc").toCompletableFuture().get(5, TimeUnit.SECONDS);
        waitUntilStored(() -> Cacheweave.stats("it-stage").orElseThrow().loads() == 1);
        Summary second = service.stage("abc").toCompletableFuture().get();
        assertEquals(first, second);
        assertEquals(1, service.stageRuns.get());
    }

    @Test
    void optional_contentIsCached_emptyIsNotByDefault_butIsWithCacheNull() {
        assertEquals(Optional.of("opt:x"), service.optional("x"));
        assertEquals(Optional.of("opt:x"), service.optional("x"));
        assertEquals(1, service.optionalRuns.get());

        assertEquals(Optional.empty(), service.optional("none"));
        assertEquals(Optional.empty(), service.optional("none"));
        assertEquals(3, service.optionalRuns.get());

        assertEquals(Optional.empty(), service.optionalCachingEmpty("none"));
        assertEquals(Optional.empty(), service.optionalCachingEmpty("none"));
        assertEquals(1, service.optionalNullRuns.get());
    }

    @Test
    void arrayReturn_isCachedInMemory_andDecodedFromRedis() {
        int[] first = service.digits("123");
        assertSame(first, service.digits("123"));
        assertEquals(1, service.arrayRuns.get());

        try (RedisServer redis = RedisServers.local()) {
            Settings settings = redis.settings().build();
            Cacheweave.install(CacheRuntime.builder().settings(settings).build());
            service.digits("456");
            Cacheweave.install(CacheRuntime.builder().settings(settings).build());
            assertArrayEquals(new int[] {4, 5, 6}, service.digits("456"));
            assertEquals(2, service.arrayRuns.get());
            Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
        }
    }

    @Test
    void cacheNull_storesAKnownAbsentValue_inMemoryAndInRedis() {
        assertNull(service.knownAbsent("a"));
        assertNull(service.knownAbsent("a"));
        assertEquals(1, service.nullRuns.get());

        try (RedisServer redis = RedisServers.local()) {
            Settings settings = redis.settings().build();
            Cacheweave.install(CacheRuntime.builder().settings(settings).build());
            assertNull(service.knownAbsent("b"));
            Cacheweave.install(CacheRuntime.builder().settings(settings).build()); // another "JVM"
            assertNull(service.knownAbsent("b"));
            assertEquals(2, service.nullRuns.get(), "the second runtime read the absent marker from Redis");
            Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
        }
    }

    @Test
    void futureValue_goesThroughRedis_decodedAsTheTypeArgument() throws Exception {
        try (RedisServer redis = RedisServers.local()) {
            Settings settings = redis.settings().build();
            Cacheweave.install(CacheRuntime.builder().settings(settings).build());
            Summary first = service.stage("redis").toCompletableFuture().get(5, TimeUnit.SECONDS);
            waitUntilStored(() -> Cacheweave.stats("it-stage").orElseThrow().sharedWrites() == 1);

            Cacheweave.install(CacheRuntime.builder().settings(settings).build());
            Summary second = service.stage("redis").toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(first, second);
            assertNotSame(first, second);
            assertEquals(1, service.stageRuns.get());
            Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
        }
    }

    private static void waitUntilStored(java.util.function.BooleanSupplier stored) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!stored.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the completed value was not stored");
            Thread.sleep(2);
        }
    }
}
