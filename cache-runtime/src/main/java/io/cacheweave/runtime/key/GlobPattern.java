package io.cacheweave.runtime.key;

/**
 * A compiled glob over logical keys, with the semantics of Redis {@code SCAN MATCH}/{@code KEYS}, so that the memory
 * tier and Redis remove the same entries for one pattern: {@code *} any run of characters (including {@code :}),
 * {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [^a]} one character of (or not of) a set, and
 * {@code \x} the character {@code x} itself. Immutable and thread-safe.
 */
public final class GlobPattern {

    private GlobPattern(String pattern) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * @param pattern the glob
     * @return the compiled pattern
     * @throws IllegalArgumentException if the pattern is malformed (an unclosed {@code [} or a trailing {@code \}),
     *     naming the pattern and the position
     */
    public static GlobPattern compile(String pattern) {
        return new GlobPattern(pattern);
    }

    /** @param text a logical key @return whether the whole text matches */
    public boolean matches(CharSequence text) {
        throw new UnsupportedOperationException();
    }

    /** @return the unescaped text before the first wildcard: every match starts with it */
    public String literalPrefix() {
        throw new UnsupportedOperationException();
    }

    /** @return the pattern as given */
    @Override
    public String toString() {
        throw new UnsupportedOperationException();
    }
}
