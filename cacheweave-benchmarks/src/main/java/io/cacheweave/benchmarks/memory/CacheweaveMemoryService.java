package io.cacheweave.benchmarks.memory;

import io.cacheweave.annotations.Cached;
import io.cacheweave.benchmarks.Workload;

/** Cacheweave: {@code @Cached} methods, woven by {@code -javaagent:cache-agent.jar}. */
public class CacheweaveMemoryService {
    private final Workload work;

    public CacheweaveMemoryService(Workload work) {
        this.work = work;
    }

    @Cached(operation = "peer-memory-one", ttl = 3600)
    public String one(String key) {
        work.ran();
        return Workload.text(key);
    }

    @Cached(operation = "peer-memory-two", ttl = 3600)
    public String two(String key, String variant) {
        work.ran();
        return Workload.text(key + "/" + variant);
    }
}
