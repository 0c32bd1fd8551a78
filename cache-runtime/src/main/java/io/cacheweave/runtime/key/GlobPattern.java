package io.cacheweave.runtime.key;

import java.util.Arrays;
import java.util.Objects;

/**
 * A compiled glob over rendered keys, the one matcher of every tier (the memory tier, the file tier, and Redis,
 * where {@code SCAN MATCH} with {@link #redisPrefilter()} only narrows the keys this class then decides on), so that
 * every tier removes the same entries for one pattern: {@code *} any run of characters (including {@code :}),
 * {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [^a]} one character of (or not of) a set, and
 * {@code \x} the character {@code x} itself. Immutable and thread-safe.
 *
 * <p>Characters are those of the rendered key, where an escape sequence ({@code \:}, {@code \\}, {@code \*},
 * {@code \0}, {@code \#}, any backslash and the character after it) is one character: a wildcard matches whole
 * characters only, never a part of an escape. So {@code docs:*:b} matches {@code docs:t1:b} and
 * {@code docs:x:y:b} but not {@code docs:t1:a\:b} (the last part there is {@code a:b}, not {@code b}), where Redis'
 * own glob would end the {@code *} between the backslash and the colon. {@code ?} matches an escape sequence as
 * one character; a set ({@code [...]}) matches one plain character, never an escape sequence. Literal pattern text
 * still compares character by character, so {@code \\\:} (an escaped backslash, an escaped colon) matches the
 * escaped colon of a key.
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
    private final String redisPrefilter;

    private GlobPattern(String pattern) {
        this.pattern = pattern;
        int n = pattern.length();
        byte[] k = new byte[n];
        char[] lit = new char[n];
        CharSet[] cs = new CharSet[n];
        StringBuilder coarse = new StringBuilder(n);
        int t = 0;
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*', '?', '[' -> {
                    if (c == '*') {
                        if (t == 0 || k[t - 1] != STAR) { // a run of stars is one star
                            k[t++] = STAR;
                        }
                        i++;
                    } else if (c == '?') {
                        k[t++] = ANY;
                        i++;
                    } else {
                        int[] end = new int[1];
                        cs[t] = CharSet.parse(pattern, i, end);
                        k[t++] = SET;
                        i = end[0];
                    }
                    // Redis' ? and [...] match one byte, where this class matches one character of the key (an
                    // escape sequence, a character of several UTF-8 bytes): Redis is asked for any run instead.
                    if (coarse.length() == 0 || coarse.charAt(coarse.length() - 1) != '*'
                            || coarse.length() > 1 && coarse.charAt(coarse.length() - 2) == '\\') {
                        coarse.append('*');
                    }
                }
                case '\\' -> {
                    if (i + 1 == n) {
                        throw new IllegalArgumentException(
                                "pattern ends with an unfinished escape at position " + i + ": " + pattern);
                    }
                    k[t] = LITERAL;
                    lit[t++] = pattern.charAt(i + 1);
                    coarse.append(c).append(pattern.charAt(i + 1));
                    i += 2;
                }
                default -> {
                    k[t] = LITERAL;
                    lit[t++] = c;
                    coarse.append(c);
                    i++;
                }
            }
        }
        this.redisPrefilter = coarse.toString();
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

    /**
     * @param text a rendered key
     * @return whether the whole text matches, wildcards matching whole characters (an escape sequence is one)
     */
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
        int p = 0;
        int s = 0;
        boolean whole = true; // s is at the start of a character of the key, not inside an escape sequence
        int starP = -1; // token index of the last star seen, -1 for none
        int starS = 0; // text index that star's run is to end at, if the rest fails it grows by one character
        while (s < n) {
            if (p < m) {
                byte kind = kinds[p];
                char c = text.charAt(s);
                if (kind == LITERAL) {
                    if (literals[p] == c) {
                        whole = !whole || c != '\\' || s + 1 == n;
                        p++;
                        s++;
                        continue;
                    }
                } else if (whole) {
                    if (kind == STAR) {
                        starP = p++;
                        starS = s;
                        continue;
                    }
                    int length = characterLength(text, s);
                    if (kind == ANY || length == 1 && sets[p].matches(c)) {
                        p++;
                        s += length;
                        continue;
                    }
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            starS += characterLength(text, starS);
            s = starS;
            whole = true;
        }
        while (p < m && kinds[p] == STAR) {
            p++;
        }
        return p == m;
    }

    /** @return 2 for an escape sequence at {@code s}, else 1 */
    private static int characterLength(CharSequence text, int s) {
        return text.charAt(s) == '\\' && s + 1 < text.length() ? 2 : 1;
    }

    /** @return whether the pattern has no wildcard: it matches exactly one text, its {@link #literalPrefix()} */
    public boolean isLiteral() {
        return literalPrefix.length() == kinds.length;
    }

    /**
     * @return a Redis glob that matches at least every key this pattern matches: the pattern with each {@code ?}
     *     and set widened to {@code *}, for {@code SCAN MATCH}; the keys it returns must still be checked with
     *     {@link #matches}
     */
    public String redisPrefilter() {
        return redisPrefilter;
    }

    /** @return the unescaped text before the first wildcard: every match starts with it */
    public String literalPrefix() {
        return literalPrefix;
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
