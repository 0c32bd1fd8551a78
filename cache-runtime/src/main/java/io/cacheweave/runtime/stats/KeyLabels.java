package io.cacheweave.runtime.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels for logical keys that a person can read and tell apart: the operation on its own, the parts unescaped and
 * separated by {@code " · "}, a hashed part as {@code #} and the first {@value #DIGEST_DIGITS} hex digits of its
 * digest, {@code \0} as {@code null}; a label longer than {@value #WIDTH} characters keeps its start, the place where
 * it differs from the other keys of its operation, and its end, with {@code …} between. Keys sharing a long prefix
 * (long texts that differ near their end) get distinct labels: where two labels still come out equal, they show more
 * of their text until they differ.
 */
public final class KeyLabels {
    /** Labels up to this many characters are shown whole. */
    static final int WIDTH = 96;
    /** Hex digits of a hashed part's digest that a label shows. */
    static final int DIGEST_DIGITS = 12;
    private static final int DIGEST_HEX = 64; // SHA-256
    private static final int HEAD = 32;
    private static final int BEFORE = 12;
    private static final int AFTER = 28;
    private static final int TAIL = 20;
    private static final String ELLIPSIS = "…";

    private KeyLabels() {
    }

    /** @param logicalKey a logical key @return its operation: the text up to the first unescaped {@code :} */
    public static String operation(String logicalKey) {
        int end = separator(logicalKey);
        return unescape(logicalKey.substring(0, end));
    }

    /** @param logicalKey a logical key @return its label on its own: its readable parts, start and end if long */
    public static String of(String logicalKey) {
        String readable = readable(logicalKey);
        return shorten(readable, readable.length(), 1);
    }

    /**
     * @param keys the keys of one snapshot
     * @return the same keys, each labelled so that no two keys of one operation share a label (unless their readable
     *     forms are equal)
     */
    public static List<MonitorSnapshot.KeyCount> label(List<MonitorSnapshot.KeyCount> keys) {
        int n = keys.size();
        String[] ops = new String[n];
        String[] readable = new String[n];
        int[] differsAt = new int[n];
        for (int i = 0; i < n; i++) {
            ops[i] = operation(keys.get(i).key());
            readable[i] = readable(keys.get(i).key());
        }
        for (int i = 0; i < n; i++) {
            int at = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && ops[i].equals(ops[j])) {
                    at = Math.max(at, commonPrefix(readable[i], readable[j]));
                }
            }
            differsAt[i] = at;
        }
        String[] labels = new String[n];
        int[] scale = new int[n];
        for (int i = 0; i < n; i++) {
            scale[i] = 1;
            labels[i] = shorten(readable[i], differsAt[i], 1);
        }
        for (boolean clash = true; clash; ) {
            clash = false;
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Integer j = seen.putIfAbsent(ops[i] + "\n" + labels[i], i);
                if (j != null && !readable[i].equals(readable[j])) {
                    for (int k : new int[] {i, j}) {
                        if (labels[k].length() < readable[k].length()) {
                            scale[k] *= 2;
                            labels[k] = shorten(readable[k], differsAt[k], scale[k]);
                            clash = true;
                        }
                    }
                }
            }
        }
        List<MonitorSnapshot.KeyCount> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MonitorSnapshot.KeyCount k = keys.get(i);
            out.add(new MonitorSnapshot.KeyCount(k.key(), k.count(), ops[i], labels[i]));
        }
        return out;
    }

    /** @return the parts after the operation, unescaped, joined by " · " */
    static String readable(String logicalKey) {
        int start = separator(logicalKey);
        StringBuilder out = new StringBuilder(logicalKey.length());
        for (int i = start + 1; i < logicalKey.length(); i++) {
            char c = logicalKey.charAt(i);
            if (c == ':') {
                out.append(" · ");
            } else if (c != '\\' || i + 1 == logicalKey.length()) {
                out.append(c);
            } else {
                char next = logicalKey.charAt(++i);
                if (next == '0') {
                    out.append("null");
                } else if (next == '#') {
                    int end = i + 1;
                    while (end < logicalKey.length() && end < i + 1 + DIGEST_HEX
                            && Character.digit(logicalKey.charAt(end), 16) >= 0) {
                        end++;
                    }
                    out.append('#').append(logicalKey, i + 1, Math.min(end, i + 1 + DIGEST_DIGITS));
                    i = end - 1;
                } else {
                    out.append(next);
                }
            }
        }
        return out.toString();
    }

    /** @return the index of the first unescaped ':' in the key, or its length */
    private static int separator(String logicalKey) {
        for (int i = 0; i < logicalKey.length(); i++) {
            char c = logicalKey.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':') {
                return i;
            }
        }
        return logicalKey.length();
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\\' && i + 1 < text.length() ? text.charAt(++i) : c);
        }
        return out.toString();
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /**
     * @param text the readable key
     * @param differsAt where it first differs from its closest neighbour (its length when it has none)
     * @param scale how much wider than the default each kept piece is
     * @return the whole text when it fits, else its start, the piece around {@code differsAt} and its end
     */
    private static String shorten(String text, int differsAt, int scale) {
        int length = text.length();
        if (length <= WIDTH * scale) {
            return text;
        }
        int[][] pieces = {{0, HEAD * scale}, {differsAt - BEFORE * scale, differsAt + AFTER * scale},
                {length - TAIL * scale, length}};
        StringBuilder out = new StringBuilder();
        int shownTo = 0;
        for (int[] p : pieces) {
            int from = Math.max(p[0], 0);
            int to = Math.min(p[1], length);
            if (to <= shownTo) {
                continue;
            }
            if (from > shownTo) {
                out.append(ELLIPSIS);
            } else {
                from = shownTo;
            }
            out.append(text, from, to);
            shownTo = to;
        }
        return out.toString();
    }
}
