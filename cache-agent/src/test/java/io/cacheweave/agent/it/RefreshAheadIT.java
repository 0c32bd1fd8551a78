package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Cached(refreshAfter = 10, ttl = 100)} through woven methods, on a clock the test moves. */
class RefreshAheadIT {
    private final ManualClock clock = new ManualClock();
    private final RefreshService service = new RefreshService();

    @BeforeEach
    void freshRuntime() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).clock(clock).build());
        RefreshService.STATIC_RUNS.set(0);
    }

    @Test
    void oldEntry_isServedAtOnce_andReplacedByOneBackgroundReload() throws Exception {
        assertEquals("a:v1", service.version("a"));
        clock.advance(Duration.ofSeconds(5));
        assertEquals("a:v1", service.version("a"));
        assertEquals(1, service.runs.get(), "younger than refreshAfter: a plain hit");

        clock.advance(Duration.ofSeconds(6));
        service.hold = new CountDownLatch(1); // keep the reload running while more callers arrive
        for (int i = 0; i < 5; i++) {
            assertEquals("a:v1", service.version("a"), "the caller gets the stored value at once");
        }
        service.hold.countDown();
        await(() -> service.runs.get() == 2, "one background reload");
        await(() -> "a:v2".equals(call("a")), "the reloaded value replaces the old one");
        assertEquals(2, service.runs.get(), "exactly one reload for all the callers that found the entry old");
    }

    @Test
    void failedReloads_keepTheOldValueUntilItsTtl() throws Exception {
        assertEquals("b:v1", service.version("b"));
        clock.advance(Duration.ofSeconds(11));
        service.failing = true;
        assertEquals("b:v1", service.version("b"));
        await(() -> service.runs.get() >= 2, "a reload ran and failed");
        for (int i = 0; i < 3; i++) {
            assertEquals("b:v1", service.version("b"), "failed reloads keep the old value");
        }

        clock.advance(Duration.ofSeconds(90)); // past the TTL of the first load
        service.failing = false;
        // A reload started by one of the hits above may still be running: it may have counted its run before the
        // flag changed and then succeed, storing its value before the call below, which is then a hit on a value
        // newer than the first (no new run). So the call must return a value of a successful run, never the old one.
        String after = service.version("b");
        Matcher run = Pattern.compile("b:v(\\d+)").matcher(after);
        assertTrue(run.matches() && Integer.parseInt(run.group(1)) >= 2
                && Integer.parseInt(run.group(1)) <= service.runs.get(), "expired after its TTL: " + after);
    }

    @Test
    void staticMethod_isRefreshedToo() throws Exception {
        assertEquals("s:s1", RefreshService.staticVersion("s"));
        clock.advance(Duration.ofSeconds(11));
        assertEquals("s:s1", RefreshService.staticVersion("s"));
        await(() -> "s:s2".equals(RefreshService.staticVersion("s")), "the static method was reloaded");
    }

    private String call(String id) {
        try {
            return service.version(id);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(2);
        }
    }
}
