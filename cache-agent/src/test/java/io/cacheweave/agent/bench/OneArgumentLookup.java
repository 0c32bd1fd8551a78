package io.cacheweave.agent.bench;

/** What {@link HitPathBenchmark} calls on the build-woven service, which another class loader defines. */
public interface OneArgumentLookup {
    String one(String key);

    long runs();
}
