package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.ManualClock;
import static io.cacheweave.runtime.WovenCalls.attach;
import static io.cacheweave.runtime.WovenCalls.isCached;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@link MethodCache#exit} checked the invalidation epoch and then stored, so an invalidation that ran
 * between the check and the store missed the entry, and a value loaded before the invalidation stayed cached.
 */
class InvalidationDuringStoreTest {

    /**
     * A key that, once armed, stops inside the memory tier's {@code put} (which hashes the key after
     * {@code exit} has checked the epoch) until the test has invalidated.
     */
    static final class PausingKey {
        volatile Thread armedFor;
        final CountDownLatch inPut = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);

        @Override
        public int hashCode() {
            if (armedFor == Thread.currentThread()) {
                armedFor = null;
                inPut.countDown();
                try {
                    resume.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 42;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public String toString() {
            return "pausing";
        }
    }

    private static void storeWhileInvalidating(String operation, Consumer<CacheRuntime> invalidation)
            throws Exception {
        CacheRuntime runtime = WovenCalls.runtime(Settings.create(), new ManualClock());
        MethodCache m = attach(runtime, operation, 60);
        PausingKey key = new PausingKey();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> loader = pool.submit(() -> {
                Object token = m.enter(key);
                key.armedFor = Thread.currentThread();
                m.exit(token, "loaded before the invalidation", null);
                return null;
            });
            assertTrue(key.inPut.await(10, TimeUnit.SECONDS), "exit reached the store");
            invalidation.accept(runtime);
            key.resume.countDown();
            loader.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertFalse(isCached(m, key), "a value loaded before an invalidation must not survive it");
    }

    @Test
    void exit_operationInvalidatedDuringStore() throws Exception {
        storeWhileInvalidating("during-op", rt -> rt.invalidateOperation("during-op"));
    }

    @Test
    void exit_patternInvalidatedDuringStore() throws Exception {
        storeWhileInvalidating("during-pattern", rt -> rt.invalidatePattern("during-pattern:paus*"));
    }

    @Test
    void exit_wholeOperationPatternDuringStore() throws Exception {
        storeWhileInvalidating("during-all", rt -> rt.invalidatePattern("during-all:*"));
    }
}
