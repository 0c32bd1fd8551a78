package io.cacheweave.runtime.tier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTier}'s remaining time to live, extension, listing and per-glob cleanup. */
class FileTierTtlTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private FileTier tier;

    private FileTier open() {
        tier = FileTier.open(FileTierConfig.of(root).withClock(now::get));
        return tier;
    }

    @AfterEach
    void close() {
        if (tier != null) {
            tier.close();
        }
    }

    @Test
    void remainingMillis_presentExpiredAbsent() {
        open().put("k", "v".getBytes(UTF_8), TEN_SECONDS);
        now.addAndGet(4_000);
        assertEquals(6_000, tier.remainingMillis("k"));
        assertEquals(SharedTier.ABSENT, tier.remainingMillis("other"));
        now.addAndGet(6_000);
        assertEquals(SharedTier.ABSENT, tier.remainingMillis("k"));
    }

    @Test
    void extendTtl_addsToWhatIsLeft_andSurvivesARestart() {
        open().put("k", "v".getBytes(UTF_8), TEN_SECONDS);
        now.addAndGet(4_000);
        assertTrue(tier.extendTtl("k", Duration.ofSeconds(5)));
        assertEquals(11_000, tier.remainingMillis("k"));
        tier.close();
        open();
        assertEquals(11_000, tier.get("k").remainingMillis());
        assertArrayEquals("v".getBytes(UTF_8), tier.get("k").bytes());
    }

    @Test
    void extendTtl_absentOrExpired_false() {
        open().put("k", "v".getBytes(UTF_8), TEN_SECONDS);
        assertFalse(tier.extendTtl("absent", TEN_SECONDS));
        now.addAndGet(10_000);
        assertFalse(tier.extendTtl("k", TEN_SECONDS));
        assertEquals(SharedTier.ABSENT, tier.remainingMillis("k"));
        assertThrows(IllegalArgumentException.class, () -> tier.extendTtl("k", Duration.ZERO));
    }

    @Test
    void keys_matchGlob_skipExpired_upToLimit() {
        open();
        for (int i = 0; i < 5; i++) {
            tier.put("a:" + i, new byte[] {1}, TEN_SECONDS);
        }
        tier.put("a:short", new byte[] {1}, Duration.ofSeconds(1));
        tier.put("b:0", new byte[] {1}, TEN_SECONDS);
        now.addAndGet(1_000);
        assertEquals(Set.of("a:0", "a:1", "a:2", "a:3", "a:4"), new HashSet<>(tier.keys("a:*", 100)));
        assertEquals(3, tier.keys("a:*", 3).size());
        assertEquals(List.of("b:0"), tier.keys("b:*", 100));
        assertThrows(IllegalArgumentException.class, () -> tier.keys("a:*", 0));
    }

    @Test
    void cleanupExpired_onlyMatchingExpiredEntries() {
        open();
        tier.put("a:1", new byte[] {1}, Duration.ofSeconds(1));
        tier.put("a:2", new byte[] {1}, Duration.ofSeconds(1));
        tier.put("a:3", new byte[] {1}, TEN_SECONDS);
        tier.put("b:1", new byte[] {1}, Duration.ofSeconds(1));
        now.addAndGet(2_000);
        assertEquals(2, tier.cleanupExpired("a:*"));
        assertEquals(2, tier.size(), "a:3 and b:1 stay");
        assertEquals(1, tier.cleanupExpired("*"));
        assertEquals(1, tier.size());
    }
}
