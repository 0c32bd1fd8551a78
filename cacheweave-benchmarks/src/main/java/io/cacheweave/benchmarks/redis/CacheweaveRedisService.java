package io.cacheweave.benchmarks.redis;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.Cacheweave;
import java.time.Duration;
import java.util.List;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import io.cacheweave.benchmarks.Profile;
import io.cacheweave.benchmarks.Workload;

/** Cacheweave: {@code @Cached} and {@code @Invalidate} methods, woven by {@code -javaagent:cache-agent.jar}. */
public class CacheweaveRedisService {
    /** The operation {@link #invalidateEntries} invalidates. */
    public static final String ENTRIES = "peer-entries";

    private final Workload work;

    public CacheweaveRedisService(Workload work) {
        this.work = work;
    }

    @Cached(operation = "peer-profile", ttl = 3600)
    public Profile profile(String userId) {
        work.ran();
        return Profile.of(userId);
    }

    @Cached(operation = "peer-text", ttl = 3600)
    public String text(String documentId) {
        work.ran();
        return Workload.text16KiB(documentId);
    }

    @Cached(operation = ENTRIES, ttl = 3600)
    public Profile entry(String userId) {
        work.ran();
        return Profile.of(userId);
    }

    @Invalidate(operation = ENTRIES)
    public void invalidateEntries() {
    }

    /** The programmatic cache of {@link #taggedEntry}. */
    public static final String TAGGED = "peer-tagged";
    /** The tag every entry of {@link #taggedEntry} carries. */
    public static final String TAG = "peer-tag";

    /** Cache-aside over a programmatic cache whose entries carry {@link #TAG} (see {@link #invalidateTag}). */
    public Profile taggedEntry(String userId) {
        Cache<String, Profile> cache = Cacheweave.cache(TAGGED, Profile.class);
        Profile found = cache.get(userId);
        if (found == null) {
            work.ran();
            found = Profile.of(userId);
            cache.put(userId, found, Duration.ofHours(1), List.of(TAG));
        }
        return found;
    }

    /** Removes every entry carrying {@link #TAG}. */
    public void invalidateTag() {
        Cacheweave.invalidateTag(TAG);
    }
}
