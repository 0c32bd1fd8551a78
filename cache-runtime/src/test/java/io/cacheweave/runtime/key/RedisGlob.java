package io.cacheweave.runtime.key;

/**
 * A line-by-line port of {@code stringmatchlen_impl} from Redis' {@code util.c} (case-sensitive), to check
 * {@link GlobPattern} against. Positions past the end read as {@code '\0'}, as C's terminating NUL would.
 */
final class RedisGlob {
    private RedisGlob() {
    }

    static boolean matches(String pattern, String string) {
        return impl(pattern, 0, pattern.length(), string, 0, string.length(), new boolean[1], 0);
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean impl(String pat, int p, int patternLen, String str, int s, int stringLen,
            boolean[] skipLongerMatches, int nesting) {
        if (nesting > 1000) {
            return false;
        }
        while (patternLen > 0 && stringLen > 0) {
            switch (at(pat, p)) {
                case '*' -> {
                    while (patternLen > 0 && at(pat, p + 1) == '*') {
                        p++;
                        patternLen--;
                    }
                    if (patternLen == 1) {
                        return true;
                    }
                    while (stringLen > 0) {
                        if (impl(pat, p + 1, patternLen - 1, str, s, stringLen, skipLongerMatches, nesting + 1)) {
                            return true;
                        }
                        if (skipLongerMatches[0]) {
                            return false;
                        }
                        s++;
                        stringLen--;
                    }
                    skipLongerMatches[0] = true;
                    return false;
                }
                case '?' -> {
                    s++;
                    stringLen--;
                }
                case '[' -> {
                    p++;
                    patternLen--;
                    boolean not = at(pat, p) == '^';
                    if (not) {
                        p++;
                        patternLen--;
                    }
                    boolean match = false;
                    while (true) {
                        if (at(pat, p) == '\\' && patternLen >= 2) {
                            p++;
                            patternLen--;
                            if (at(pat, p) == at(str, s)) {
                                match = true;
                            }
                        } else if (at(pat, p) == ']') {
                            break;
                        } else if (patternLen == 0) {
                            p--;
                            patternLen++;
                            break;
                        } else if (patternLen >= 3 && at(pat, p + 1) == '-') {
                            int start = at(pat, p);
                            int end = at(pat, p + 2);
                            int c = at(str, s);
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            p += 2;
                            patternLen -= 2;
                            if (c >= start && c <= end) {
                                match = true;
                            }
                        } else if (at(pat, p) == at(str, s)) {
                            match = true;
                        }
                        p++;
                        patternLen--;
                    }
                    if (not) {
                        match = !match;
                    }
                    if (!match) {
                        return false;
                    }
                    s++;
                    stringLen--;
                }
                default -> {
                    if (at(pat, p) == '\\' && patternLen >= 2) {
                        p++;
                        patternLen--;
                    }
                    if (at(pat, p) != at(str, s)) {
                        return false;
                    }
                    s++;
                    stringLen--;
                }
            }
            p++;
            patternLen--;
            if (stringLen == 0) {
                while (at(pat, p) == '*') {
                    p++;
                    patternLen--;
                }
                break;
            }
        }
        return patternLen == 0 && stringLen == 0;
    }
}
