package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.config.Settings;

/**
 * The size class of a request text, for statistics: below {@code cacheweave.ai.tier.small} characters (500 by
 * default) it is {@link #SMALL}, below {@code cacheweave.ai.tier.medium} (5,000) {@link #MEDIUM}, below
 * {@code cacheweave.ai.tier.large} (50,000) {@link #LARGE}, and from there on {@link #XLARGE}.
 */
public enum TextSizeTier {
    /** Shorter than {@code cacheweave.ai.tier.small}. */
    SMALL,
    /** At least {@code cacheweave.ai.tier.small}, shorter than {@code cacheweave.ai.tier.medium}. */
    MEDIUM,
    /** At least {@code cacheweave.ai.tier.medium}, shorter than {@code cacheweave.ai.tier.large}. */
    LARGE,
    /** At least {@code cacheweave.ai.tier.large}. */
    XLARGE;

    /**
     * @param length a text's length in characters
     * @param settings the bounds
     * @return its tier
     */
    public static TextSizeTier of(int length, Settings settings) {
        if (length < settings.aiTierSmall()) {
            return SMALL;
        } else if (length < settings.aiTierMedium()) {
            return MEDIUM;
        } else if (length < settings.aiTierLarge()) {
            return LARGE;
        }
        return XLARGE;
    }
}
