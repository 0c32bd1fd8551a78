package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;

/** The programmatic cache contract on the memory tier alone. */
class MemoryCacheTest extends AsyncCacheContract {
    @Override
    CacheRuntime newRuntime(ManualClock clock, Settings settings) {
        return CacheRuntime.builder().settings(settings).clock(clock).build();
    }

    @Override
    boolean hasSharedTier() {
        return false;
    }
}
