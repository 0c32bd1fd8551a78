package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.tier.CircuitBreaker;
import io.cacheweave.runtime.tier.FileTier;
import io.cacheweave.runtime.tier.FileTierConfig;
import io.cacheweave.runtime.tier.GuardedTier;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The programmatic cache contract on the memory tier and the file tier, both on the test's clock. */
class FileCacheTest extends AsyncCacheContract {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @TempDir
    Path directory;

    @Override
    CacheRuntime newRuntime(ManualClock clock, Settings settings) {
        FileTier files = FileTier.open(FileTierConfig.of(directory).withClock(() -> clock.nanos() / 1_000_000));
        return CacheRuntime.builder().settings(settings).clock(clock)
                .sharedTier(new GuardedTier(files, CircuitBreaker.builder().build()), SharedTiers.codec(settings))
                .build();
    }

    @Override
    boolean hasSharedTier() {
        return true;
    }
}
