package io.cacheweave.agent.it;

import io.cacheweave.annotations.Cached;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A cached method whose body blocks until the test lets it finish, to race callers on one cold key. */
public class SlowService {
    public final AtomicInteger runs = new AtomicInteger();
    public final CountDownLatch entered = new CountDownLatch(1);
    public volatile CountDownLatch release = new CountDownLatch(1);

    @Cached(operation = "it-slow")
    public String load(String key) throws InterruptedException {
        runs.incrementAndGet();
        entered.countDown();
        release.await();
        if (key.startsWith("fail")) {
            throw new IllegalStateException("load of " + key + " failed");
        }
        return "loaded:" + key + ":" + runs.get();
    }
}
