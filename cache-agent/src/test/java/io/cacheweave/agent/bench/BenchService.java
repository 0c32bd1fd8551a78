package io.cacheweave.agent.bench;

import io.cacheweave.annotations.Cached;

/** The woven methods the hit-path benchmark calls. */
public class BenchService {
    private long runs;

    @Cached(operation = "bench-one", ttl = 3600)
    public String one(String key) {
        runs++;
        return "value-of-" + key;
    }

    @Cached(operation = "bench-two", ttl = 3600)
    public String two(String key, int variant) {
        runs++;
        return "value-of-" + key + "-" + variant;
    }

    /** @return how often a body ran; a hit-path benchmark must end with this unchanged after set-up */
    public long runs() {
        return runs;
    }
}
