package io.cacheweave.runtime.config;

import java.time.Duration;
import java.util.Objects;

/** The checks the settings groups' builders share; each message names the setting without {@code cacheweave.}. */
final class Checks {

    private Checks() {
    }

    static int positive(String name, int value) {
        return (int) positive(name, (long) value);
    }

    static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, () -> name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /** @return {@code null} for {@code null}, else the text stripped; blank text is refused */
    static String notBlank(String name, String text) {
        if (text != null && text.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return text == null ? null : text.strip();
    }
}
