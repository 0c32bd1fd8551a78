package io.cacheweave.runtime.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GlobPatternTest {

    static Stream<Arguments> redisSemantics() {
        return Stream.of(
                // pattern, text, matches
                Arguments.of("", "", true),
                Arguments.of("", "a", false),
                Arguments.of("abc", "abc", true),
                Arguments.of("abc", "abd", false),
                Arguments.of("abc", "abcd", false),
                Arguments.of("*", "", true),
                Arguments.of("*", "anything:at:all", true),
                Arguments.of("**", "x", true),
                Arguments.of("a*", "a", true),
                Arguments.of("a*", "ba", false),
                Arguments.of("*a", "bbba", true),
                Arguments.of("*a", "bbb", false),
                Arguments.of("a*c", "abbbc", true),
                Arguments.of("a*c", "abcd", false),
                Arguments.of("a*b*c", "aXbYc", true),
                Arguments.of("a*b*c", "aXbY", false),
                Arguments.of("a*b*c", "acbc", true),
                Arguments.of("op:*", "op:", true),
                Arguments.of("op:*", "op", false),
                Arguments.of("*:*", "op:x", true),
                Arguments.of("?", "", false),
                Arguments.of("?", "x", true),
                Arguments.of("a?c", "abc", true),
                Arguments.of("a?c", "ac", false),
                Arguments.of("*?", "a", true),
                Arguments.of("*?", "", false),
                Arguments.of("h[ae]llo", "hallo", true),
                Arguments.of("h[ae]llo", "hillo", false),
                Arguments.of("[a-c]x", "bx", true),
                Arguments.of("[a-c]x", "dx", false),
                Arguments.of("[c-a]", "b", true),
                Arguments.of("[0-9a-f]", "e", true),
                Arguments.of("[^a]", "a", false),
                Arguments.of("[^a]", "b", true),
                Arguments.of("[^a-c]", "d", true),
                Arguments.of("[^a-c]", "b", false),
                Arguments.of("[]", "a", false),
                Arguments.of("[^]", "a", true),
                Arguments.of("[]]", "]", false),
                Arguments.of("[[]", "[", true),
                Arguments.of("[-a]", "-", true),
                Arguments.of("[\\]]", "]", true),
                Arguments.of("[\\^a]", "^", true),
                Arguments.of("[a\\-z]", "-", true),
                Arguments.of("[a\\-z]", "b", false),
                Arguments.of("[*]", "*", true),
                Arguments.of("[*]", "a", false),
                Arguments.of("a\\*", "a*", true),
                Arguments.of("a\\*", "ab", false),
                Arguments.of("a\\?", "a?", true),
                Arguments.of("a\\?", "ab", false),
                Arguments.of("\\a", "a", true),
                Arguments.of("\\\\", "\\", true),
                Arguments.of("\\[a]", "[a]", true),
                Arguments.of("op:a\\\\\\:b", "op:a\\:b", true),
                Arguments.of("op:a\\\\\\:b", "op:a:b", false),
                Arguments.of("op:*\\\\\\**", "op:x\\*y", true),
                Arguments.of("op:*\\\\\\**", "op:xy", false));
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1} = {2}")
    @MethodSource("redisSemantics")
    void matches_redisSemantics(String pattern, String text, boolean expected) {
        assertEquals(expected, GlobPattern.compile(pattern).matches(text));
        if (!text.isEmpty()) { // Redis' matcher says "*" does not match "", though KEYS and SCAN special-case "*"
            assertEquals(expected, RedisGlob.matches(pattern, text), "the Redis port disagrees with the table");
        }
    }

    @Test
    void matches_agreesWithRedisOnRandomPatterns() {
        Random random = new Random(20240611L);
        String patternChars = "ab*?[]^-\\:";
        String textChars = "ab-]^\\*:";
        int compared = 0;
        for (int i = 0; i < 30_000; i++) {
            String pattern = random(random, patternChars, 8);
            GlobPattern glob;
            try {
                glob = GlobPattern.compile(pattern);
            } catch (IllegalArgumentException malformed) {
                continue;
            }
            for (int j = 0; j < 5; j++) {
                String text = random(random, textChars, 8);
                if (text.isEmpty()) {
                    continue;
                }
                compared++;
                if (text.indexOf('\\') < 0) { // no escape sequence: Redis' glob and ours agree
                    assertEquals(RedisGlob.matches(pattern, text), glob.matches(text),
                            "pattern " + pattern + " on text " + text);
                } else if (glob.matches(text)) { // Redis' SCAN MATCH with the prefilter finds every match
                    assertEquals(true, RedisGlob.matches(glob.redisPrefilter(), text),
                            "prefilter " + glob.redisPrefilter() + " of " + pattern + " on text " + text);
                }
            }
        }
        assertEquals(true, compared > 50_000, "compared " + compared);
    }

    static Stream<Arguments> wholeCharacters() {
        return Stream.of(
                // issue 13, item 7: docs:*:{owner} for owner b
                Arguments.of("docs:*:b", "docs:t1:b", true),
                Arguments.of("docs:*:b", "docs:x\\:y:b", true), // * crosses parts and whole escapes
                Arguments.of("docs:*:b", "docs:t1:a\\:b", false), // owner a:b
                Arguments.of("docs:*:b", "docs:t1:\\*\\:b", false), // owner *:b
                Arguments.of("docs:*:b", "docs:t1:\\\\\\:b", false), // owner \:b
                Arguments.of("docs:*:b", "docs:t1:cacheweave\\:v1\\:ki-docs\\:t1\\:b", false),
                Arguments.of("docs:?:b", "docs:\\::b", true), // ? is one character, an escape included
                Arguments.of("docs:??:b", "docs:\\::b", false),
                Arguments.of("docs:[:]:b", "docs:\\::b", false), // a set never matches an escape
                Arguments.of("docs:[\\\\]*", "docs:\\:b", false),
                Arguments.of("docs:a\\\\\\:b", "docs:a\\:b", true), // literal text: escaped \ and :
                Arguments.of("docs:a\\\\*", "docs:a\\:b", false), // a * cannot start inside \:
                Arguments.of("docs:a\\\\*", "docs:a\\\\", false), // one \ is half of the escaped \\
                Arguments.of("docs:a\\\\\\\\*", "docs:a\\\\", true),
                Arguments.of("docs:*\\\\#*", "docs:x:\\#ab12", true));
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1} = {2}")
    @MethodSource("wholeCharacters")
    void matches_wildcardsMatchWholeCharacters(String pattern, String text, boolean expected) {
        GlobPattern glob = GlobPattern.compile(pattern);
        assertEquals(expected, glob.matches(text));
        if (expected) {
            assertEquals(true, RedisGlob.matches(glob.redisPrefilter(), text), "the prefilter finds it in Redis");
        }
    }

    @Test
    void isLiteral_onlyWithoutWildcards() {
        assertEquals(true, GlobPattern.compile("docs:a\\\\\\:b").isLiteral());
        assertEquals(false, GlobPattern.compile("docs:a\\\\*").isLiteral());
        assertEquals("docs:*:*:b*", GlobPattern.compile("docs:?:[ab]:b*").redisPrefilter());
    }

    private static String random(Random random, String alphabet, int maxLength) {
        int n = random.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Test
    void matches_pathologicalPatternIsFast() {
        String text = "a".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertFalse(GlobPattern.compile("a*a*a*a*a*a*b").matches(text));
            assertFalse(GlobPattern.compile("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(text));
            assertFalse(GlobPattern.compile("*?*?*?*?*?*?*?*?b").matches(text));
        });
    }

    @Test
    void literalPrefix_textBeforeFirstWildcard() {
        assertEquals("abc", GlobPattern.compile("abc").literalPrefix());
        assertEquals("op:", GlobPattern.compile("op:*").literalPrefix());
        assertEquals("", GlobPattern.compile("*abc").literalPrefix());
        assertEquals("ab", GlobPattern.compile("ab?c").literalPrefix());
        assertEquals("ab", GlobPattern.compile("ab[c]").literalPrefix());
        assertEquals("a[b", GlobPattern.compile("a\\[b*").literalPrefix());
        assertEquals("op:a\\:b*", GlobPattern.compile("op:a\\\\:b\\**").literalPrefix());
        assertEquals("", GlobPattern.compile("").literalPrefix());
    }

    @Test
    void compile_unfinishedEscape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GlobPattern.compile("abc\\"));
        assertEquals("pattern ends with an unfinished escape at position 3: abc\\", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GlobPattern.compile("\\"));
        assertEquals("a\\", GlobPattern.compile("a\\\\").literalPrefix());
    }

    @Test
    void compile_unclosedBracket() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GlobPattern.compile("op:[abc"));
        assertEquals("pattern has an unclosed [ at position 3: op:[abc", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GlobPattern.compile("["));
        assertThrows(IllegalArgumentException.class, () -> GlobPattern.compile("[^"));
        assertThrows(IllegalArgumentException.class, () -> GlobPattern.compile("[\\]"));
        assertThrows(IllegalArgumentException.class, () -> GlobPattern.compile("[a\\"));
        assertThrows(IllegalArgumentException.class, () -> GlobPattern.compile("[a-]"),
                "as in Redis, a-] is a range, which leaves the bracket unclosed");
        assertThrows(NullPointerException.class, () -> GlobPattern.compile(null));
    }

    @Test
    void toString_isThePattern() {
        assertEquals("op:a\\*[x-z]?*", GlobPattern.compile("op:a\\*[x-z]?*").toString());
        assertEquals(GlobPattern.compile("a*"), GlobPattern.compile("a*"));
    }
}
