package io.cacheweave.agent.it;

import io.cacheweave.annotations.Cached;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A cached method with refresh-ahead; each run returns a new version, and runs can be held or made to fail. */
public class RefreshService {
    public final AtomicInteger runs = new AtomicInteger();
    /** While set, every run fails. */
    public volatile boolean failing;
    public volatile CountDownLatch hold = new CountDownLatch(0);

    @Cached(operation = "it-refresh", ttl = 100, refreshAfter = 10)
    public String version(String id) throws InterruptedException {
        hold.await();
        int run = runs.incrementAndGet();
        if (failing) {
            throw new IllegalStateException("run " + run + " failed");
        }
        return id + ":v" + run;
    }

    @Cached(operation = "it-refresh-static", ttl = 100, refreshAfter = 10)
    public static String staticVersion(String id) {
        return id + ":s" + STATIC_RUNS.incrementAndGet();
    }

    public static final AtomicInteger STATIC_RUNS = new AtomicInteger();
}
