package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory tier's byte bound (issue 13): many distinct large text arguments, and large values, through woven
 * methods and the real agent jar, under {@code cacheweave.l1.max-bytes} of 4 MiB. The bound is read from the setting
 * as a user writes it; the retained bytes are the monitor's estimate of the memory tier.
 */
class MemoryBoundIT {
    private static final long MAX_BYTES = 4L << 20;
    private final LargeArgumentService service = new LargeArgumentService();

    @BeforeEach
    void installBoundedRuntime() {
        System.setProperty("cacheweave.l1.max-bytes", Long.toString(MAX_BYTES));
        try {
            Cacheweave.install(CacheRuntime.builder().settings(Settings.load()).build());
        } finally {
            System.clearProperty("cacheweave.l1.max-bytes");
        }
    }

    @AfterEach
    void restoreDefaultRuntime() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
    }

    @Test
    void distinctLargeTextArguments_keptByDigest_underTheBound() {
        for (int i = 0; i < 40; i++) { // 40 distinct texts of 256 Ki characters: 10 MiB of arguments
            assertEquals(256 * 1024 + i, service.length(text(i, 256 * 1024), i));
        }
        MonitorSnapshot.Operation tier = operation("it-text-length");
        assertEquals(40, tier.memory().entries(), "every entry fits once its key is a digest");
        long retained = tier.memory().bytes();
        assertTrue(retained < 40 * 2048, "a long text argument must cost bytes, not its length: " + retained);
    }

    @Test
    void longTextArguments_equalHit_differentMiss() {
        String a = text(1, 300_000);
        String sameAsA = new String(a.toCharArray()); // equal text, another instance
        String lastCharDiffers = a.substring(0, a.length() - 1) + 'Z';
        service.length(a, 0);
        service.length(sameAsA, 0);
        assertEquals(1, service.lengthRuns.get(), "equal long texts must hit");
        service.length(lastCharDiffers, 0);
        assertEquals(2, service.lengthRuns.get(), "two different long texts must never share an entry");
        service.length("short", 0);
        service.length("short", 0);
        assertEquals(3, service.lengthRuns.get(), "short texts are keyed as before");
    }

    @Test
    void largeValues_retainedBytesStayUnderTheBound() {
        for (int i = 0; i < 200; i++) { // 200 values of 64 KiB: 12.5 MiB
            service.page(i);
        }
        MonitorSnapshot.Operation tier = operation("it-page");
        long retained = tier.memory().bytes();
        assertTrue(retained <= MAX_BYTES, "the memory tier retains " + retained + " bytes, over its bound of "
                + MAX_BYTES + " (" + tier.memory().entries() + " entries)");
        assertTrue(tier.counters().evictions() > 0, "entries over the bound are evicted, and counted");
    }

    /** @return a text of {@code length} characters, distinct per {@code seed} (at both ends) */
    private static String text(int seed, int length) {
        String head = "doc-" + seed + ":";
        return head + "x".repeat(length - head.length() - 1) + (char) ('a' + seed % 26);
    }

    /** @return the operation as the runtime's monitor reports it (the public view of its memory tier) */
    private static MonitorSnapshot.Operation operation(String operation) {
        return Cacheweave.runtime().monitor().snapshot().operations().stream()
                .filter(o -> o.operation().equals(operation)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + operation + " in the monitor's snapshot"));
    }
}
