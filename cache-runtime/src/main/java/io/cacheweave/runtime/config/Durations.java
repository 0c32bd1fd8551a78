package io.cacheweave.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses the durations of settings: a bare number of seconds ({@code 7200}), a number with a unit ({@code 500ms},
 * {@code 30s}, {@code 30m}, {@code 2h}, {@code 1d}), or ISO-8601 ({@code PT2H}).
 */
public final class Durations {

    /** How a duration setting is written, for messages and documentation. */
    public static final String FORM = "a positive number of seconds (7200) or a number with a unit: "
            + "500ms, 30s, 30m, 2h, 1d, or ISO-8601 (PT2H)";

    private Durations() {
    }

    /**
     * @param text a duration, surrounding white space ignored, units in either case
     * @return the duration, which may be zero or negative (ISO-8601 allows a sign)
     * @throws IllegalArgumentException if the text is not a duration in one of the forms above
     */
    public static Duration parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("duration must not be empty");
        }
        char first = t.charAt(0);
        if (first == 'P' || first == 'p' || ((first == '-' || first == '+') && t.length() > 1
                && (t.charAt(1) == 'P' || t.charAt(1) == 'p'))) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + text, e);
            }
        }
        int digits = 0;
        while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0) {
            throw new IllegalArgumentException("duration must start with a number: " + text);
        }
        long amount;
        try {
            amount = Long.parseLong(t, 0, digits, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration is too long: " + text, e);
        }
        String unit = t.substring(digits).toLowerCase(Locale.ROOT);
        try {
            return switch (unit) {
                case "", "s" -> Duration.ofSeconds(amount);
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("unknown duration unit \"" + unit + "\": " + text);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration is too long: " + text, e);
        }
    }

    /**
     * @param text a duration
     * @return the duration, if it parses and is positive
     * @throws IllegalArgumentException if the text is not a duration or not positive
     */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + text);
        }
        return d;
    }
}
