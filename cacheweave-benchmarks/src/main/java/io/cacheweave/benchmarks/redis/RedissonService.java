package io.cacheweave.benchmarks.redis;

import io.cacheweave.benchmarks.Profile;
import io.cacheweave.benchmarks.Workload;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RBucket;
import org.redisson.api.RMapCache;
import org.redisson.api.RedissonClient;

/**
 * Redisson: cache-aside over {@code RBucket} (one Redis string per key, its default codec), the cheapest read
 * Redisson offers; the invalidation benchmark's entries in one {@code RMapCache}, the structure Redisson's Spring
 * cache manager uses, cleared with {@code clear()}.
 */
public class RedissonService {
    private static final Duration TTL = Duration.ofHours(1);
    private final Workload work;
    private final RedissonClient redisson;
    private final RMapCache<String, Profile> entries;

    public RedissonService(Workload work, RedissonClient redisson) {
        this.work = work;
        this.redisson = redisson;
        this.entries = redisson.getMapCache("redisson-entries");
    }

    public Profile profile(String userId) {
        RBucket<Profile> bucket = redisson.getBucket("redisson-profile:" + userId);
        Profile profile = bucket.get();
        if (profile == null) {
            work.ran();
            profile = Profile.of(userId);
            bucket.set(profile, TTL);
        }
        return profile;
    }

    public String text(String documentId) {
        RBucket<String> bucket = redisson.getBucket("redisson-text:" + documentId);
        String text = bucket.get();
        if (text == null) {
            work.ran();
            text = Workload.text16KiB(documentId);
            bucket.set(text, TTL);
        }
        return text;
    }

    public Profile entry(String userId) {
        Profile profile = entries.get(userId);
        if (profile == null) {
            work.ran();
            profile = Profile.of(userId);
            entries.fastPut(userId, profile, 1, TimeUnit.HOURS);
        }
        return profile;
    }

    public void invalidateEntries() {
        entries.clear();
    }

    /** @return how many entries the invalidation benchmark's map holds */
    public int entryCount() {
        return entries.size();
    }
}
