package io.cacheweave.runtime.tier;

/**
 * A shared tier that keeps generation counters: one hash of counters per runtime namespace, one counter per
 * operation (or programmatic cache). Invalidating a whole operation bumps its counter instead of scanning for its
 * keys, so it costs one command whatever the tier holds. Redis implements it with {@code HINCRBY} and
 * {@code HGET}; a tier that does not implement it invalidates operations by pattern.
 *
 * <p>Both methods throw {@link TierException} (or {@link TierTimeoutException}) on failure, like every tier call.
 */
public interface GenerationTier {

    /**
     * Adds one to a counter, atomically across nodes.
     *
     * @param hash the key of the hash of counters
     * @param name the counter, an operation name
     * @return the counter after the increment, from 1
     */
    long nextGeneration(String hash, String name);

    /**
     * @param hash the key of the hash of counters
     * @param name the counter, an operation name
     * @return the counter now, 0 when it was never incremented
     */
    long generation(String hash, String name);
}
