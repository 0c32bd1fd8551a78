package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 32 threads on one cold key, through woven code: the body runs once and every caller gets its outcome. */
class SingleFlightIT {
    private static final int THREADS = 32;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @BeforeEach
    void freshRuntime() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void racingCallersOnOneColdKey_runTheBodyOnce() throws Exception {
        SlowService service = new SlowService();
        List<Future<Object>> results = race(service, "cold");
        service.release.countDown();

        Object first = results.get(0).get(10, TimeUnit.SECONDS);
        for (Future<Object> f : results) {
            assertSame(first, f.get(10, TimeUnit.SECONDS));
        }
        assertEquals("loaded:cold:1", first);
        assertEquals(1, service.runs.get());
        var stats = Cacheweave.stats("it-slow").orElseThrow();
        assertEquals(1, stats.loads());
        assertEquals(THREADS - 1, stats.singleFlightWaits() + stats.hits(), "every other caller waited or hit");
    }

    @Test
    void racingCallersOnAFailingLoad_allReceiveItsException_andNothingIsCached() throws Exception {
        SlowService service = new SlowService();
        List<Future<Object>> results = race(service, "fail-1");
        service.release.countDown();

        for (Future<Object> f : results) {
            Object outcome = f.get(10, TimeUnit.SECONDS);
            assertTrue(outcome instanceof IllegalStateException, "got " + outcome);
            assertEquals("load of fail-1 failed", ((IllegalStateException) outcome).getMessage());
        }
        assertEquals(1, service.runs.get());

        service.release = new java.util.concurrent.CountDownLatch(0);
        try {
            service.load("fail-1");
        } catch (IllegalStateException expected) {
            // the failure was not stored: the body ran again
        }
        assertEquals(2, service.runs.get());
    }

    /** Starts every caller together once the first one is inside the body. */
    private List<Future<Object>> race(SlowService service, String key) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        Callable<Object> call = () -> {
            start.await();
            try {
                return service.load(key);
            } catch (IllegalStateException e) {
                return e;
            }
        };
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(pool.submit(call));
        }
        assertTrue(service.entered.await(10, TimeUnit.SECONDS), "no caller entered the body");
        Thread.sleep(200); // let the other callers reach the wait
        return results;
    }
}
