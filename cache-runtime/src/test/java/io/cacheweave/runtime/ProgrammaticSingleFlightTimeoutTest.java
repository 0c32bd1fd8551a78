package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A load that takes longer than {@code cacheweave.single-flight.max-wait} is not waited for beyond it. */
class ProgrammaticSingleFlightTimeoutTest {
    private static final Duration MAX_WAIT = Duration.ofMillis(100);

    private final CacheRuntime runtime = CacheRuntime.builder()
            .settings(Settings.builder().core(c -> c.singleFlightMaxWait(MAX_WAIT))
            .build()).clock(new ManualClock()).build();
    private final Cache<String, String> cache = runtime.cache("slow", String.class);

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void syncWaiter_loadsItselfAfterMaxWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<String> stuck = CompletableFuture.supplyAsync(() -> cache.getOrLoad("k", k -> {
            loads.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "late";
        }));
        WovenCalls.awaitTrue(() -> loads.get() == 1, "the first load runs");
        assertEquals("own", cache.getOrLoad("k", k -> "own"), "waited max-wait, then loaded itself");
        release.countDown();
        assertEquals("late", stuck.get(10, TimeUnit.SECONDS));
        assertEquals("late", cache.get("k"));
    }

    @Test
    void asyncCaller_doesNotJoinALoadOlderThanMaxWait() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        CompletableFuture<String> first = cache.async().getOrLoad("k", k -> never, Duration.ofMinutes(1));
        Thread.sleep(MAX_WAIT.toMillis() + 50);
        CompletableFuture<String> second = cache.async().getOrLoad("k",
                k -> CompletableFuture.completedFuture("fresh"), Duration.ofMinutes(1));
        assertEquals("fresh", second.get(10, TimeUnit.SECONDS));
        assertEquals("fresh", cache.get("k"));
        never.complete("stale");
        assertEquals("stale", first.get(10, TimeUnit.SECONDS), "the first caller still gets its own load");
    }
}
