package io.cacheweave.agent.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cacheweave.annotations.Cached;
import io.cacheweave.runtime.CacheClock;
import java.time.Duration;

/** The woven methods the hit-path benchmark calls. */
public class BenchService {
    private long runs;
    private final Cache<String, String> handCache = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).ticker(CacheClock.coarse()::nanos).build();

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

    /** The same as {@link #one}, cached by hand: what a developer writes without Cacheweave. */
    @Cached(operation = "bench-two-strings", ttl = 3600)
    public String twoStrings(String key, String variant) {
        runs++;
        return "value-of-" + key + "-" + variant;
    }

    public String handWritten(String key) {
        String value = handCache.getIfPresent(key);
        if (value == null) {
            runs++;
            value = "value-of-" + key;
            handCache.put(key, value);
        }
        return value;
    }

    /** @return how often a body ran; a hit-path benchmark must end with this unchanged after set-up */
    public long runs() {
        return runs;
    }
}
