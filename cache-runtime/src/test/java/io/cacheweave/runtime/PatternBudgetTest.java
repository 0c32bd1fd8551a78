package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.tier.SharedTier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pattern invalidation whose scan of the shared tier outlasts {@code cacheweave.invalidation.pattern-budget}
 * returns to the caller while the scan goes on, and the scan finishes in the background.
 */
class PatternBudgetTest {

    /** A shared tier whose scans wait until the test lets them finish. */
    private static final class SlowScans implements SharedTier {
        final InMemorySharedTier entries = new InMemorySharedTier(new ManualClock());
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public StoredValue get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, StoredValue> getAll(List<String> keys) {
            return entries.getAll(keys);
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            entries.put(key, value, ttl);
        }

        @Override
        public void putAll(Map<String, byte[]> values, Duration ttl) {
            entries.putAll(values, ttl);
        }

        @Override
        public long delete(Collection<String> keys) {
            return entries.delete(keys);
        }

        @Override
        public long deleteMatching(String glob) {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return entries.deleteMatching(glob);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void invalidatePattern_longerThanTheBudget_returnsAndFinishesInTheBackground() throws Exception {
        SlowScans tier = new SlowScans();
        Settings settings = Settings.builder().invalidationPatternBudget(Duration.ofMillis(20)).build();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings)
                .sharedTier(tier, JsonValueCodec.create()).build()) {
            Cache<String, String> notes = runtime.cache("notes", String.class);
            notes.put("a", "A");
            // The memory entry; the shared tier's count comes later, from the background.
            assertEquals(1, runtime.invalidatePattern("notes:*", "test"));
            assertTrue(tier.started.await(10, TimeUnit.SECONDS));
            assertEquals(1, tier.release.getCount(), "the caller got its thread back while the scan went on");
            tier.release.countDown();
            WovenCalls.awaitTrue(() -> err.toString(StandardCharsets.UTF_8).contains(
                    "background invalidation of notes:* removed 1 shared entries"), "the scan finished");
            assertTrue(tier.entries.entries.isEmpty());
        } finally {
            System.setErr(originalErr);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("invalidating notes:* scans the shared tier for "
                + "longer than 20 ms (cacheweave.invalidation.pattern-budget); the scan continues in the background"),
                err::toString);
    }
}
