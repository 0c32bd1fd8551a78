package io.cacheweave.agent.bench;

import io.cacheweave.annotations.Cached;

/**
 * {@link BenchService#one} under another operation, for the build-woven hit: {@link HitPathBenchmark} loads this
 * class from the classes woven at build time ({@code target/build-woven-test-classes}), which the agent leaves
 * alone.
 */
public class BuildWovenBenchService implements OneArgumentLookup {
    private long runs;

    @Override
    @Cached(operation = "bench-one-build-woven", ttl = 3600)
    public String one(String key) {
        runs++;
        return "value-of-" + key;
    }

    @Override
    public long runs() {
        return runs;
    }
}
