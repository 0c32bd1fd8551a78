package io.cacheweave.runtime.faces;

import java.time.Duration;
import java.util.Map;

/**
 * What a warm-up did ({@link CacheWarmer}). Every requested key is counted once, in exactly one of
 * {@code loaded}, {@code alreadyPresent} and {@code failed}.
 *
 * @param cache the cache's name
 * @param requested distinct keys asked for
 * @param loaded keys whose value this warm-up computed and stored
 * @param alreadyPresent keys the cache held already (or another caller loaded meanwhile), left as they were
 * @param failed keys whose load threw, returned {@code null} or was interrupted; nothing was stored for them
 * @param elapsed how long the warm-up took, from its start to the last key's outcome
 * @param failures why each failed key failed, by key
 * @param <K> the key type
 */
public record WarmUpReport<K>(String cache, int requested, int loaded, int alreadyPresent, int failed,
        Duration elapsed, Map<K, Throwable> failures) {

    /** Copies the failures. */
    public WarmUpReport {
        failures = Map.copyOf(failures);
    }

    /** @return a one-line summary, as logged */
    @Override
    public String toString() {
        return "warm-up of cache " + cache + ": " + requested + " requested, " + loaded + " loaded, "
                + alreadyPresent + " already present, " + failed + " failed, in " + elapsed.toMillis() + " ms";
    }
}
