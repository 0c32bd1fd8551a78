package io.cacheweave.runtime.key;

import java.util.Arrays;
import java.util.Objects;

/**
 * A compiled glob over logical keys, with the semantics of Redis {@code SCAN MATCH}/{@code KEYS}, so that the memory
 * tier and Redis remove the same entries for one pattern: {@code *} any run of characters (including {@code :}),
 * {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [^a]} one character of (or not of) a set, and
 * {@code \x} the character {@code x} itself. Immutable and thread-safe.
 *
 * <p>Inside brackets, as in Redis: {@code \x} is {@code x}; {@code x-y} is a range, in either order ({@code [z-a]} is
 * {@code [a-z]}); the first {@code ]} closes the set, so {@code []} matches nothing and {@code [^]} any character.
 * Where Redis reads past the end of a malformed pattern (an unclosed {@code [}, a trailing lone {@code \}), this class
 * refuses it. Redis compares bytes and this class compares UTF-16 characters, so {@code ?} and ranges can differ
 * for characters outside ASCII; escaped key parts never contain wildcards, so generated patterns are not affected.
 *
 * <p>Matching is iterative and backtracks only to the last {@code *}: time is at most proportional to the length
 * of the text times the length of the pattern, whatever the pattern.
 */
public final class GlobPattern {

    private static final byte LITERAL = 0;
    private static final byte ANY = 1;
    private static final byte STAR = 2;
    private static final byte SET = 3;

    private final String pattern;
    private final byte[] kinds;
    private final char[] literals;
    private final CharSet[] sets;
    private final String literalPrefix;

    private GlobPattern(String pattern) {
        this.pattern = pattern;
        int n = pattern.length();
        byte[] k = new byte[n];
        char[] lit = new char[n];
        CharSet[] cs = new CharSet[n];
        int t = 0;
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (t == 0 || k[t - 1] != STAR) { // a run of stars is one star
                        k[t++] = STAR;
                    }
                    i++;
                }
                case '?' -> {
                    k[t++] = ANY;
                    i++;
                }
                case '[' -> {
                    int[] end = new int[1];
                    cs[t] = CharSet.parse(pattern, i, end);
                    k[t++] = SET;
                    i = end[0];
                }
                case '\\' -> {
                    if (i + 1 == n) {
                        throw new IllegalArgumentException(
                                "pattern ends with an unfinished escape at position " + i + ": " + pattern);
                    }
                    k[t] = LITERAL;
                    lit[t++] = pattern.charAt(i + 1);
                    i += 2;
                }
                default -> {
                    k[t] = LITERAL;
                    lit[t++] = c;
                    i++;
                }
            }
        }
        this.kinds = Arrays.copyOf(k, t);
        this.literals = Arrays.copyOf(lit, t);
        this.sets = Arrays.copyOf(cs, t);
        int p = 0;
        while (p < t && kinds[p] == LITERAL) {
            p++;
        }
        this.literalPrefix = new String(literals, 0, p);
    }

    /**
     * @param pattern the glob
     * @return the compiled pattern
     * @throws IllegalArgumentException if the pattern is malformed (an unclosed {@code [} or a trailing {@code \}),
     *     naming the pattern and the position
     */
    public static GlobPattern compile(String pattern) {
        return new GlobPattern(Objects.requireNonNull(pattern, "pattern must not be null"));
    }

    /** @param text a logical key @return whether the whole text matches */
    public boolean matches(CharSequence text) {
        int n = text.length();
        int m = kinds.length;
        int prefix = literalPrefix.length();
        if (n < prefix) {
            return false;
        }
        for (int i = 0; i < prefix; i++) {
            if (text.charAt(i) != literals[i]) {
                return false;
            }
        }
        int p = prefix;
        int s = prefix;
        int starP = -1; // token index of the last star seen, -1 for none
        int starS = 0; // text index that star's run is to end at, if the rest fails it grows by one
        while (s < n) {
            if (p < m) {
                byte kind = kinds[p];
                if (kind == STAR) {
                    starP = p++;
                    starS = s;
                    continue;
                }
                char c = text.charAt(s);
                if (kind == ANY || (kind == LITERAL ? literals[p] == c : sets[p].matches(c))) {
                    p++;
                    s++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            s = ++starS;
        }
        while (p < m && kinds[p] == STAR) {
            p++;
        }
        return p == m;
    }

    /** @return the unescaped text before the first wildcard: every match starts with it */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** @return whether the pattern has no wildcard, so it matches exactly one text: {@link #literalPrefix()} */
    public boolean isLiteral() {
        return literalPrefix.length() == kinds.length;
    }

    /** @return the pattern as given */
    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobPattern g && g.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** One bracket expression: single characters and ranges, possibly negated. Immutable. */
    private static final class CharSet {
        private final boolean negated;
        private final String singles;
        private final String ranges; // pairs: low, high

        private CharSet(boolean negated, String singles, String ranges) {
            this.negated = negated;
            this.singles = singles;
            this.ranges = ranges;
        }

        /**
         * Parses the set that starts with the {@code [} at {@code open}, as Redis reads it.
         *
         * @param end receives the index after the closing {@code ]}
         */
        static CharSet parse(String pattern, int open, int[] end) {
            int n = pattern.length();
            int i = open + 1;
            boolean negated = i < n && pattern.charAt(i) == '^';
            if (negated) {
                i++;
            }
            StringBuilder singles = new StringBuilder();
            StringBuilder ranges = new StringBuilder();
            while (true) {
                if (i >= n) {
                    throw new IllegalArgumentException(
                            "pattern has an unclosed [ at position " + open + ": " + pattern);
                }
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    singles.append(pattern.charAt(i + 1));
                    i += 2;
                } else if (c == ']') {
                    end[0] = i + 1;
                    return new CharSet(negated, singles.toString(), ranges.toString());
                } else if (i + 2 < n && pattern.charAt(i + 1) == '-') {
                    char last = pattern.charAt(i + 2);
                    ranges.append((char) Math.min(c, last)).append((char) Math.max(c, last));
                    i += 3;
                } else {
                    singles.append(c);
                    i++;
                }
            }
        }

        boolean matches(char c) {
            boolean found = singles.indexOf(c) >= 0;
            for (int i = 0; i < ranges.length() && !found; i += 2) {
                found = c >= ranges.charAt(i) && c <= ranges.charAt(i + 1);
            }
            return found != negated;
        }
    }
}
