package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import io.cacheweave.runtime.woven.CachedValue;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/** {@code @Cached(jitter = ...)}: entries written together expire spread over the last part of the TTL. */
class TtlJitterTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final int ENTRIES = 200;
    private final ManualClock clock = new ManualClock();
    private final InMemorySharedTier tier = new InMemorySharedTier(clock);

    private MethodCache method(int jitter) {
        CacheRuntime runtime = CacheRuntime.builder().settings(Settings.create()).clock(clock)
                .sharedTier(tier, new SharedTierPathTest.TextCodec()).build();
        MethodCache m = new MethodCache(new CachedMethodSpec(WovenCalls.TextService.class.getName(), "lookup",
                "(Ljava/lang/String;)Ljava/lang/String;", "jittered", 100, "", false, false, jitter, -1),
                new WovenCalls.ArgumentKeys());
        runtime.attach(m);
        return m;
    }

    private long inMemory(MethodCache m) {
        return IntStream.range(0, ENTRIES).filter(i -> isFresh(m, "k" + i)).count();
    }

    private static boolean isFresh(MethodCache m, String key) {
        Object token = m.enter(m.keys.key(key));
        if (token instanceof CachedValue) {
            return true;
        }
        m.exit(token, null, null);
        return false;
    }

    @Test
    void jitter_spreadsExpiryOverTheLastPartOfTheTtl_inBothTiers() throws Exception {
        MethodCache m = method(50);
        for (int i = 0; i < ENTRIES; i++) {
            String key = "k" + i;
            WovenCalls.call(m, key, () -> "v:" + key);
        }
        tier.failing.set(true); // from here on, count the memory tier alone
        clock.advance(Duration.ofSeconds(49));
        assertEquals(ENTRIES, inMemory(m), "no entry lives less than 50% of the TTL");
        clock.advance(Duration.ofSeconds(26)); // 75 s
        long left = inMemory(m);
        assertTrue(left > ENTRIES / 10 && left < ENTRIES * 9 / 10, "about half left at 75% of the TTL: " + left);
        clock.advance(Duration.ofSeconds(26)); // 101 s
        assertEquals(0, inMemory(m));

        long shortest = tier.entries.values().stream().mapToLong(InMemorySharedTier.Entry::expiresAtNanos).min()
                .orElseThrow();
        long longest = tier.entries.values().stream().mapToLong(InMemorySharedTier.Entry::expiresAtNanos).max()
                .orElseThrow();
        assertTrue(longest - shortest > Duration.ofSeconds(20).toNanos(), "shared-tier TTLs are spread too");
    }

    @Test
    void noJitter_everyEntryLivesTheWholeTtl() throws Exception {
        MethodCache m = method(0);
        for (int i = 0; i < ENTRIES; i++) {
            String key = "k" + i;
            WovenCalls.call(m, key, () -> "v:" + key);
        }
        tier.failing.set(true);
        clock.advance(Duration.ofSeconds(99));
        assertEquals(ENTRIES, inMemory(m));
    }
}
