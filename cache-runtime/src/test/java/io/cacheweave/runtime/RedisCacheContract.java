package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;
import java.time.Duration;

/**
 * The programmatic cache contract on the memory tier and a real Redis, configured by settings alone; subclasses
 * give the server (standalone or cluster). Redis expires entries in real time, so {@link #elapse} sleeps too.
 */
abstract class RedisCacheContract extends AsyncCacheContract {

    @Override
    CacheRuntime newRuntime(ManualClock clock, Settings settings) {
        return CacheRuntime.builder().settings(settings).clock(clock).build();
    }

    @Override
    boolean hasSharedTier() {
        return true;
    }

    @Override
    void elapse(Duration d) throws InterruptedException {
        clock.advance(d);
        Thread.sleep(d.toMillis());
    }
}
