package io.cacheweave.processor;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The "did you mean" part of messages: the closest name by edit distance, and short lists of names. */
final class Suggestions {
    /** Lists longer than this are cut, so that a message about {@code String} does not list forty methods. */
    private static final int MAX_LISTED = 20;

    private Suggestions() {
    }

    /**
     * @param wanted the name written
     * @param candidates the names that exist
     * @return the candidate closest to {@code wanted} (case-insensitive Levenshtein distance; the first on a tie),
     *     or empty when there are none
     */
    static Optional<String> closest(String wanted, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = wanted.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return {@code  Did you mean "x"?} with a leading space, or empty */
    static String didYouMean(String wanted, Collection<String> candidates) {
        return closest(wanted, candidates).map(c -> " Did you mean \"" + c + "\"?").orElse("");
    }

    /** @return {@code a, b, c}, cut after {@value #MAX_LISTED} names */
    static String list(Collection<String> names) {
        StringBuilder s = new StringBuilder();
        int n = 0;
        for (String name : names) {
            if (n == MAX_LISTED) {
                return s.append(", ... (").append(names.size() - n).append(" more)").toString();
            }
            s.append(n++ == 0 ? "" : ", ").append(name);
        }
        return s.toString();
    }

    /** @return the Levenshtein distance between {@code a} and {@code b} */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
