package io.cacheweave.benchmarks.memory;

import com.alicp.jetcache.Cache;
import com.alicp.jetcache.embedded.CaffeineCacheBuilder;
import com.alicp.jetcache.support.Fastjson2KeyConvertor;
import io.cacheweave.benchmarks.Workload;
import java.util.concurrent.TimeUnit;

/**
 * JetCache: what its {@code @Cached} does around a method, without the Spring proxy that finds the annotation: the
 * key is the argument array, turned into a {@code String} by its default key convertor (fastjson2), then
 * {@code computeIfAbsent} on a Caffeine-backed local cache.
 */
public class JetCacheMemoryService {
    private final Workload work;
    private final Cache<Object, String> one = cache();
    private final Cache<Object, String> two = cache();

    public JetCacheMemoryService(Workload work) {
        this.work = work;
    }

    public String one(String key) {
        return one.computeIfAbsent(new Object[] {key}, k -> {
            work.ran();
            return Workload.text(key);
        });
    }

    public String two(String key, String variant) {
        return two.computeIfAbsent(new Object[] {key, variant}, k -> {
            work.ran();
            return Workload.text(key + "/" + variant);
        });
    }

    private static Cache<Object, String> cache() {
        return CaffeineCacheBuilder.createCaffeineCacheBuilder().limit(10_000).expireAfterWrite(1, TimeUnit.HOURS)
                .keyConvertor(Fastjson2KeyConvertor.INSTANCE).buildCache();
    }
}
