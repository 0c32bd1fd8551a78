package io.cacheweave.runtime.tier;

import java.util.List;

/**
 * A shared tier that keeps generation counters (Redis): what makes invalidating an operation or a tag one round trip
 * whatever the size of the tier. Each counter is a key of its own, without expiry, holding a decimal number; an
 * absent counter reads as 0. Counters only grow: {@link #bumpGeneration} never returns a number it returned before,
 * even after the counter key was lost (it then starts from the floor it is given, a clock reading).
 */
public interface GenerationTier {

    /**
     * Increments a counter atomically (Redis: one Lua script doing {@code INCR}, and {@code SET} to {@code floor}
     * when the result is below it).
     *
     * @param key the counter's key
     * @param floor the least value to return (the caller passes the wall clock in microseconds, so a counter whose
     *     key was evicted or deleted never goes back to a number it had)
     * @return the new value
     */
    long bumpGeneration(String key, long floor);

    /**
     * Reads counters in one round trip.
     *
     * @param keys the counters' keys
     * @return their values in the same order, 0 for an absent key
     */
    long[] generations(List<String> keys);
}
