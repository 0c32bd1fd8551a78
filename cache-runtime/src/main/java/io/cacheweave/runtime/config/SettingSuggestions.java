package io.cacheweave.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The did-you-mean of an unknown setting: the known name closest to what was written, if any is close. */
final class SettingSuggestions {

    private SettingSuggestions() {
    }

    /** The known property name closest to {@code name}, or {@code null} if none is close. */
    static String suggestProperty(String name, String value) {
        if (!name.startsWith(SettingName.PREFIX)) {
            String prefixed = SettingName.PREFIX + name;
            if (SettingName.ofProperty(prefixed).isPresent() || SettingsLoader.isOperationTtl(prefixed)) {
                return prefixed;
            }
            if (name.indexOf('.') < 0 && isDuration(value)) {
                return SettingName.TTL_PREFIX + name; // "summarize=2h": an operation TTL without its prefix
            }
            name = prefixed;
        }
        List<String> candidates = new ArrayList<>();
        for (SettingName s : SettingName.values()) {
            if (!s.family()) {
                candidates.add(s.property());
            }
        }
        String familyCandidate = null;
        int dot = name.indexOf('.', SettingName.PREFIX.length());
        if (dot > 0 && dot + 1 < name.length() && isDuration(value)) {
            familyCandidate = SettingName.TTL_PREFIX + name.substring(dot + 1);
        }
        return closest(name, candidates, familyCandidate);
    }

    /** The known environment variable closest to {@code variable}, or {@code null} if none is close. */
    static String suggestVariable(String variable, String value) {
        List<String> candidates = new ArrayList<>();
        for (SettingName s : SettingName.values()) {
            if (!s.family()) {
                candidates.add(s.environmentVariable());
            }
        }
        String familyCandidate = null;
        int sep = variable.indexOf('_', SettingName.ENV_PREFIX.length());
        if (sep > 0 && sep + 1 < variable.length() && isDuration(value)) {
            familyCandidate = SettingName.TTL_ENV_PREFIX + variable.substring(sep + 1);
        }
        return closest(variable, candidates, familyCandidate);
    }

    static boolean isParsable(String duration) {
        try {
            Durations.parse(duration);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isDuration(String value) {
        try {
            Duration d = Durations.parse(value);
            return !d.isNegative() && !d.isZero();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A fixed candidate wins ties over the per-operation TTL candidate, which only names what the user wrote. */
    private static String closest(String name, List<String> candidates, String familyCandidate) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d < bestDistance && d <= maxDistance(c)) {
                best = c;
                bestDistance = d;
            }
        }
        if (familyCandidate != null && !familyCandidate.equals(name)) {
            int d = distance(name, familyCandidate);
            if (d < bestDistance && d <= 2) {
                best = familyCandidate;
            }
        }
        return best;
    }

    private static int maxDistance(String candidate) {
        return Math.max(3, candidate.length() / 5);
    }

    /** Edit distance with adjacent transpositions (optimal string alignment), ignoring case. */
    static int distance(String a, String b) {
        a = a.toLowerCase(Locale.ROOT);
        b = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
