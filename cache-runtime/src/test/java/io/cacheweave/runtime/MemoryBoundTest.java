package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MemoryEstimator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory tier is bounded by entries and by estimated bytes at once (issue 13, item 5), for woven methods and
 * programmatic caches alike.
 */
class MemoryBoundTest {
    private static final long MAX_BYTES = 1L << 20;
    private final CacheRuntime runtime = CacheRuntime.builder()
            .settings(Settings.builder().memory(m -> m.maxEntries(100).maxBytes(MAX_BYTES)).build()).build();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void methodTier_smallEntries_keptToMaxEntries() throws Exception {
        MethodCache m = WovenCalls.attach(runtime, "small", 60);
        for (int i = 0; i < 500; i++) {
            String id = "k" + i;
            WovenCalls.call(m, id, () -> "v:" + id);
        }
        assertTrue(m.size() <= 100, "the entry bound holds: " + m.size());
        assertTrue(m.size() >= 50, "at least half the entry bound is used by small entries: " + m.size());
    }

    @Test
    void methodTier_largeValues_keptUnderMaxBytes() throws Exception {
        MethodCache m = WovenCalls.attach(runtime, "large", 60);
        for (int i = 0; i < 100; i++) { // 100 values of about 50 KB: 5 MB
            int n = i;
            WovenCalls.call(m, "k" + i, () -> "v".repeat(50_000) + n);
        }
        long retained = m.memoryFill().bytes();
        assertTrue(retained <= MAX_BYTES, "retained " + retained + " bytes over a bound of " + MAX_BYTES);
        assertTrue(retained >= MAX_BYTES / 2, "the tier uses its bytes: " + retained);
        assertTrue(m.operationStats().evictions() > 0);
    }

    @Test
    void programmaticTier_largeValues_keptUnderMaxBytes() {
        Cache<String, String> docs = runtime.cache("docs", String.class);
        for (int i = 0; i < 100; i++) {
            docs.put("k" + i, "d".repeat(50_000) + i);
        }
        TieredCache<?, ?> tiered = (TieredCache<?, ?>) docs;
        long retained = MemoryEstimator.estimate(tiered.core.l1.asMap(), tiered.core.l1.estimatedSize());
        assertTrue(retained <= MAX_BYTES, "retained " + retained + " bytes over a bound of " + MAX_BYTES);
        assertTrue(tiered.core.l1.estimatedSize() < 100);
    }

    @Test
    void entryLargerThanTheBound_isNotKept() throws Exception {
        MethodCache m = WovenCalls.attach(runtime, "huge", 60);
        WovenCalls.call(m, "k", () -> "h".repeat((int) MAX_BYTES));
        assertEquals(0, m.size());
    }

    @Test
    void deepSize_largeGraph_extrapolatedPastTheWalkLimit() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add("element-" + i);
        }
        long estimate = MemoryEstimator.deepSize(many);
        assertTrue(estimate > 20_000 * 40, "a list of 20,000 strings is not a list of 2,000: " + estimate);
    }

    @Test
    void l1MaxBytes_mustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.builder().memory(m -> m.maxBytes(0)));
        assertEquals("l1.max-bytes must be positive: 0", e.getMessage());
        assertTrue(Settings.create().memory().maxBytes() >= 1 << 20);
    }
}
