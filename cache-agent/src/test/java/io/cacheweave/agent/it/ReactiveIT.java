package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** {@code @Cached} and {@code @Invalidate} on methods returning Reactor's {@code Mono} and {@code Flux}. */
class ReactiveIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ReactiveService service = new ReactiveService();

    @BeforeEach
    void memoryOnly() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
    }

    @AfterEach
    void reset() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
    }

    private static OperationStats stats(String operation) {
        return Cacheweave.stats(operation).orElseThrow();
    }

    @Test
    void mono_miss_runsOnSubscriptionOnly_hitIsTheStoredValueWithNoWork() {
        Mono<String> first = service.user("a");
        assertEquals(0, service.subscriptions.get(), "nothing runs before a subscriber comes");
        assertEquals("user:a", first.block(WAIT));

        Mono<String> second = service.user("a");
        assertEquals("user:a", second.block(WAIT));
        assertEquals("user:a", second.block(WAIT));
        assertEquals(1, service.calls.get(), "the hit skipped the method");
        assertEquals(1, service.subscriptions.get(), "and did no work");
        assertEquals(1, stats("rx-user").hits(), "one call, one hit; its Mono can be subscribed to again");
    }

    @Test
    void mono_concurrentSubscribersOfAColdKey_shareOneSubscription() {
        List<Mono<String>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(service.pendingUser("cold"));
        }
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        callers.forEach(m -> m.subscribe(seen::add));
        callers.get(2).subscribe(seen::add); // a second subscriber of one caller's Mono shares the load too
        assertEquals(1, service.calls.get());
        assertEquals(1, service.subscriptions.get(), "one subscription to the method's Mono");

        service.pending.tryEmitValue("shared");
        await(() -> seen.size() == 9);
        assertTrue(seen.stream().allMatch("shared"::equals), seen.toString());
        assertEquals("shared", service.pendingUser("cold").block(WAIT));
        assertEquals(1, service.subscriptions.get());
    }

    @Test
    void mono_aSubscriberThatCancels_doesNotCancelTheOthersLoad() {
        Mono<String> first = service.pendingUser("c");
        Mono<String> second = service.pendingUser("c");
        Disposable leaving = first.subscribe();
        List<String> seen = new ArrayList<>();
        second.subscribe(seen::add);
        leaving.dispose();

        service.pending.tryEmitValue("kept");
        await(() -> seen.size() == 1);
        assertEquals(List.of("kept"), seen);
        assertEquals(0, service.cancels.get(), "the method's Mono was never cancelled");
        assertEquals("kept", service.pendingUser("c").block(WAIT));
        assertEquals(1, service.subscriptions.get());
    }

    @Test
    void mono_empty_isStoredOnlyWithCacheNull() {
        assertNull(service.nobody("x").block(WAIT));
        assertNull(service.nobody("x").block(WAIT));
        assertEquals(2, service.subscriptions.get(), "an empty result is not stored by default");

        service.subscriptions.set(0);
        assertNull(service.nobodyCached("x").block(WAIT));
        assertNull(service.nobodyCached("x").block(WAIT));
        assertEquals(1, service.subscriptions.get(), "cacheNull stores it");
    }

    @Test
    void mono_error_reachesItsSubscribers_andIsNeverStored() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> service.failing("e").block(WAIT));
        assertEquals("backend down: e", e.getMessage());
        assertThrows(IllegalStateException.class, () -> service.failing("e").block(WAIT));
        assertEquals(2, service.subscriptions.get());
        await(() -> stats("rx-failing").loadFailures() == 2);
        assertEquals(0, stats("rx-failing").hits());
    }

    @Test
    void flux_completeSequence_isStoredAndReplayed() {
        List<Summary> first = service.members("t", 3).collectList().block(WAIT);
        assertEquals(List.of(new Summary("t1", 1), new Summary("t2", 2), new Summary("t3", 3)), first);

        List<Summary> replayed = service.members("t", 3).collectList().block(WAIT);
        assertEquals(first, replayed);
        assertEquals(1, service.calls.get());
        assertEquals(1, service.subscriptions.get());
        assertEquals(List.of(), service.members("none", 0).collectList().block(WAIT));
        assertEquals(List.of(), service.members("none", 0).collectList().block(WAIT));
        assertEquals(2, service.subscriptions.get(), "an empty sequence is a complete one, stored too");
    }

    @Test
    void flux_thatErrors_isNeverStored() {
        List<String> seen = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> service.membersFailing("f").doOnNext(seen::add)
                .blockLast(WAIT));
        assertThrows(IllegalStateException.class, () -> service.membersFailing("f").blockLast(WAIT));
        assertEquals(2, service.subscriptions.get());
        assertEquals(0, stats("rx-members-failing").hits());
    }

    @Test
    void flux_longerThanTheBound_isNotStored_andCounted_butEverySubscriberGetsIt() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.builder().core(c -> c.fluxMaxElements(5))
                .build()).build());
        assertEquals(6, service.members("long", 6).collectList().block(WAIT).size());
        assertEquals(6, service.members("long", 6).collectList().block(WAIT).size());
        assertEquals(2, service.calls.get(), "not stored");
        assertEquals(2, stats("rx-members").resultsTooLarge());

        assertEquals(5, service.members("short", 5).collectList().block(WAIT).size());
        assertEquals(5, service.members("short", 5).collectList().block(WAIT).size());
        assertEquals(3, service.calls.get(), "five elements are within the bound");
    }

    @Test
    void invalidate_onMono_happensWhenItCompletes_notWhenTheMethodReturns() {
        service.user("u").block(WAIT);
        Mono<Void> rename = service.rename("u");
        assertEquals("user:u", service.user("u").block(WAIT));
        assertEquals(1, service.subscriptions.get(), "returning the unsubscribed Mono invalidated nothing");

        rename.block(WAIT);
        assertEquals("user:u", service.user("u").block(WAIT));
        assertEquals(3, service.subscriptions.get(), "completion removed the entry: the method ran again");
    }

    @Test
    void invalidate_beforeInvocationOnMono_happensOnSubscription_evenWhenItFails() {
        service.user("u").block(WAIT);
        Mono<Void> rename = service.renameFirst("u");
        service.user("u").block(WAIT);
        assertEquals(1, service.subscriptions.get());

        assertThrows(IllegalStateException.class, () -> rename.block(WAIT));
        service.user("u").block(WAIT);
        assertEquals(2, service.subscriptions.get());
    }

    @Test
    void invalidate_onFlux_happensWhenItCompletes() {
        service.members("t", 2).blockLast(WAIT);
        Flux<String> reorganise = service.reorganise(List.of("t"));
        service.members("t", 2).blockLast(WAIT);
        assertEquals(1, service.subscriptions.get());

        assertEquals(List.of("t"), reorganise.collectList().block(WAIT));
        service.members("t", 2).blockLast(WAIT);
        assertEquals(2, service.subscriptions.get());
    }

    @Test
    void mono_subscribedAfterAnInvalidation_isNotStored() {
        Mono<String> pending = service.pendingUser("i");
        Cacheweave.invalidateOperation("rx-pending");
        Sinks.One<String> sink = service.pending;
        pending.subscribe();
        sink.tryEmitValue("stale");
        assertEquals("stale", pending.block(WAIT));
        service.pending = Sinks.one();
        service.pending.tryEmitValue("fresh");
        assertEquals("fresh", service.pendingUser("i").block(WAIT));
    }

    @Test
    void sharedTier_storesTheMonosValueAndTheFluxsElements_decodedAsDeclared() {
        try (RedisServer redis = RedisServers.local()) {
            // a busy machine's timeouts: with the defaults a loaded machine's 250 ms read can time out, then a miss
            Settings settings = redis.settings().build();
            Cacheweave.install(CacheRuntime.builder().settings(settings).build());
            Summary first = service.summary("shared").block(WAIT);
            List<Summary> members = service.members("r", 2).collectList().block(WAIT);
            await(() -> stats("rx-summary").sharedWrites() == 1 && stats("rx-members").sharedWrites() == 1);

            Cacheweave.install(CacheRuntime.builder().settings(settings).build()); // "another JVM"
            Summary second = service.summary("shared").block(WAIT);
            assertEquals(first, second);
            assertNotSame(first, second, "decoded from Redis, not the first runtime's memory");
            assertEquals(Summary.class, second.getClass());
            List<Summary> replayed = service.members("r", 2).collectList().block(WAIT);
            assertEquals(members, replayed);
            assertEquals(Summary.class, replayed.get(0).getClass());
            assertEquals(2, service.subscriptions.get(), "both came from Redis");
            assertEquals(1, stats("rx-summary").sharedHits());
            Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
