package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.config.Settings;

/**
 * The size class of a request text, for statistics; the same text-size tiers as the monitor's value statistics
 * ({@code cacheweave.size-tier.*}): below {@code cacheweave.size-tier.medium} characters (500 by default) it is
 * {@link #SMALL}, below {@code cacheweave.size-tier.large} (5,000) {@link #MEDIUM}, below
 * {@code cacheweave.size-tier.xlarge} (50,000) {@link #LARGE}, from there on {@link #XLARGE}: seed 002's
 * {@code text_size_tiers} (500 / 5,000 / 50,000).
 */
public enum TextSizeTier {
    /** Shorter than {@code cacheweave.size-tier.medium}. */
    SMALL,
    /** At least {@code cacheweave.size-tier.medium}, shorter than {@code cacheweave.size-tier.large}. */
    MEDIUM,
    /** At least {@code cacheweave.size-tier.large}, shorter than {@code cacheweave.size-tier.xlarge}. */
    LARGE,
    /** At least {@code cacheweave.size-tier.xlarge}. */
    XLARGE;

    /**
     * @param length a text's length in characters
     * @param settings the bounds
     * @return its tier
     */
    public static TextSizeTier of(int length, Settings settings) {
        if (length < settings.monitor().mediumBytes()) {
            return SMALL;
        }
        int large = Math.max(settings.monitor().largeBytes(), settings.monitor().mediumBytes());
        if (length < large) {
            return MEDIUM;
        }
        return length < Math.max(settings.monitor().xlargeBytes(), large) ? LARGE : XLARGE;
    }
}
