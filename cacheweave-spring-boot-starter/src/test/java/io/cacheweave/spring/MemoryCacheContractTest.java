package io.cacheweave.spring;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.springframework.cache.Cache;

/** The Cacheweave cache on the memory tier alone. */
class MemoryCacheContractTest extends SpringCacheContract {
    private CacheRuntime runtime;

    @Override
    Cache cache(boolean allowNullValues) {
        runtime = CacheRuntime.builder().settings(Settings.builder().monitor(m -> m.jmx(false)).build()).build();
        return new CacheweaveCacheManager(runtime, allowNullValues, new CacheValueTypes()).getCache("contract");
    }

    @AfterEach
    void close() {
        runtime.close();
    }
}
