package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;

/** The programmatic cache contract on the memory tier alone. */
class MemoryCacheTest extends AsyncCacheContract {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Override
    CacheRuntime newRuntime(ManualClock clock, Settings settings) {
        return CacheRuntime.builder().settings(settings).clock(clock).build();
    }

    @Override
    boolean hasSharedTier() {
        return false;
    }
}
