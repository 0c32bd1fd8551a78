package io.cacheweave.runtime;

import io.cacheweave.runtime.tier.GenerationTier;
import io.cacheweave.runtime.tier.SharedTier;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real tier (Redis) whose next {@code get} can be held after Redis answered it, so a test can run an
 * invalidation between a node's read of an entry and what the node does with it. Everything else passes through.
 */
final class PausingTier implements SharedTier, GenerationTier {
    private final SharedTier tier;
    private volatile CountDownLatch arrived;
    private volatile CountDownLatch release;

    <T extends SharedTier & GenerationTier> PausingTier(T tier) {
        this.tier = tier;
    }

    /** Holds the next {@code get} after Redis answered it, until {@link #release()}. */
    void holdNextGet() {
        release = new CountDownLatch(1);
        arrived = new CountDownLatch(1);
    }

    /** Waits until the held {@code get} has its answer. */
    void awaitHeld() throws InterruptedException {
        if (!arrived.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no get arrived");
        }
    }

    void release() {
        release.countDown();
    }

    @Override
    public StoredValue get(String key) {
        StoredValue v = tier.get(key);
        CountDownLatch held = release;
        CountDownLatch first = arrived;
        if (first != null && first.getCount() > 0) {
            first.countDown();
            try {
                held.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return v;
    }

    @Override
    public Map<String, StoredValue> getAll(List<String> keys) {
        return tier.getAll(keys);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        tier.put(key, value, ttl);
    }

    @Override
    public void putAll(Map<String, byte[]> values, Duration ttl) {
        tier.putAll(values, ttl);
    }

    @Override
    public long delete(Collection<String> keys) {
        return tier.delete(keys);
    }

    @Override
    public long deleteMatching(String glob) {
        return tier.deleteMatching(glob);
    }

    @Override
    public long remainingMillis(String key) {
        return tier.remainingMillis(key);
    }

    @Override
    public List<String> keys(String glob, int limit) {
        return tier.keys(glob, limit);
    }

    @Override
    public long bumpGeneration(String key, long floor) {
        return ((GenerationTier) tier).bumpGeneration(key, floor);
    }

    @Override
    public long[] generations(List<String> keys) {
        return ((GenerationTier) tier).generations(keys);
    }

    @Override
    public void close() {
        tier.close();
    }
}
