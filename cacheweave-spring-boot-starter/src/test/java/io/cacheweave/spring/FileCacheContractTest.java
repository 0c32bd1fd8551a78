package io.cacheweave.spring;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cache.Cache;

/** The Cacheweave cache on the memory tier and the file tier. */
class FileCacheContractTest extends SpringCacheContract {
    @TempDir
    Path directory;
    private CacheRuntime runtime;

    @Override
    Cache cache(boolean allowNullValues) {
        runtime = CacheRuntime.builder().settings(Settings.builder().file(f -> f.directory(directory.toString()))
                .monitor(m -> m.jmx(false)).build()).build();
        return new CacheweaveCacheManager(runtime, allowNullValues, new CacheValueTypes()).getCache("contract");
    }

    @AfterEach
    void close() {
        runtime.close();
    }
}
