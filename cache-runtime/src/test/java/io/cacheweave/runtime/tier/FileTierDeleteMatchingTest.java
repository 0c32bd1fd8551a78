package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTier#deleteMatching} with Redis glob semantics over the keys stored in the files. */
class FileTierDeleteMatchingTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final List<String> KEYS = List.of(
            "cw:v1:users:a\\:x:b", // users("a:x", "b"), the ':' escaped
            "cw:v1:users:a:b",
            "cw:v1:users:a\\*:b", // a literal '*' in a part
            "cw:v1:users:ab:b",
            "cw:v1:users:a?:b", // unescaped '?', as a key may hold after hashing/escaping elsewhere
            "cw:v1:users:[x]:b",
            "cw:v1:summarize:hello",
            "cw:v2:users:a:b");

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    private Set<String> remainingAfter(String glob, long expectedCount) {
        try (FileTier tier = FileTier.open(FileTierConfig.of(dir.resolve(Integer.toHexString(glob.hashCode())))
                .withClock(now::get))) {
            for (String key : KEYS) {
                tier.put(key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), HOUR);
            }
            assertEquals(expectedCount, tier.deleteMatching(glob), glob);
            Set<String> left = new TreeSet<>();
            for (String key : KEYS) {
                if (tier.get(key) != null) {
                    left.add(key);
                }
            }
            assertEquals(left.size(), tier.size());
            return left;
        }
    }

    private static Set<String> allBut(String... removed) {
        Set<String> s = new TreeSet<>(KEYS);
        s.removeAll(List.of(removed));
        return s;
    }

    @Test
    void star_crossesParts_andMatchesEscapedCharacters() {
        assertEquals(allBut("cw:v1:users:a\\:x:b", "cw:v1:users:a:b", "cw:v1:users:a\\*:b", "cw:v1:users:ab:b",
                "cw:v1:users:a?:b", "cw:v1:users:[x]:b"), remainingAfter("cw:v1:users:*:b", 6));
    }

    @Test
    void escapedColon_matchesOnlyTheEscapedKey() {
        assertEquals(allBut("cw:v1:users:a\\:x:b"), remainingAfter("cw:v1:users:a\\\\\\:x:b", 1));
    }

    @Test
    void escapedStar_isLiteral() {
        // the glob a\\\* is: a backslash, then a literal star
        assertEquals(allBut("cw:v1:users:a\\*:b"), remainingAfter("cw:v1:users:a\\\\\\*:b", 1));
    }

    @Test
    void escapedQuestionMark_isLiteral() {
        assertEquals(allBut("cw:v1:users:a?:b"), remainingAfter("cw:v1:users:a\\?:b", 1));
    }

    @Test
    void questionMark_isOneCharacter() {
        // an escape sequence (the escaped star of a\*) is one character of the key
        assertEquals(allBut("cw:v1:users:ab:b", "cw:v1:users:a?:b", "cw:v1:users:a\\*:b"),
                remainingAfter("cw:v1:users:a?:b", 3));
    }

    @Test
    void escapedBrackets_areLiteral() {
        assertEquals(allBut("cw:v1:users:[x]:b"), remainingAfter("cw:v1:users:\\[x\\]:b", 1));
    }

    @Test
    void characterSet() {
        assertEquals(allBut("cw:v1:users:a:b", "cw:v2:users:a:b"), remainingAfter("cw:v[12]:users:a:b", 2));
    }

    @Test
    void noMatch_removesNothing() {
        assertEquals(new TreeSet<>(KEYS), remainingAfter("cw:v3:*", 0));
    }

    @Test
    void everything() {
        assertEquals(Set.of(), remainingAfter("*", KEYS.size()));
    }

    @Test
    void expiredMatches_removedButNotCounted() {
        try (FileTier tier = FileTier.open(FileTierConfig.of(dir).withClock(now::get))) {
            tier.put("op:a", new byte[1], Duration.ofSeconds(1));
            tier.put("op:b", new byte[1], HOUR);
            now.addAndGet(1_000);
            assertEquals(1, tier.deleteMatching("op:*"));
            assertEquals(0, tier.size());
        }
    }

    @Test
    void malformedGlob_throwsIllegalArgument() {
        try (FileTier tier = FileTier.open(dir, 1 << 20)) {
            assertThrows(IllegalArgumentException.class, () -> tier.deleteMatching("users:[abc"));
            assertThrows(IllegalArgumentException.class, () -> tier.deleteMatching("users:\\"));
        }
    }
}
