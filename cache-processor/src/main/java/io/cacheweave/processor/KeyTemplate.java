package io.cacheweave.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code @Cached(key = ...)} template or {@code @Invalidate(pattern = ...)} pattern: literal text and
 * placeholders such as {@code {request.model}}, in order.
 *
 * <p>Keys and patterns share the placeholder syntax but not the literal one. Key text is limited to
 * {@code [A-Za-z0-9:_\-./@#=]}, so that a key can never contain a wildcard of its own. Pattern text may hold
 * anything, with {@code * ? [..]} wildcards and {@code \} escapes checked for balance; it is passed on unchanged.
 *
 * @param text the template as written
 * @param segments literal text and placeholders, in order; adjacent literal text is joined
 */
record KeyTemplate(String text, List<Segment> segments) {

    /** Characters allowed in the literal text of a key, besides ASCII letters and digits. */
    static final String KEY_PUNCTUATION = ":_-./@#=";
    /** Characters that make a pattern wider than a literal: never in a key or an operation. */
    static final String PATTERN_CHARACTERS = "*?[]\\";

    KeyTemplate {
        segments = List.copyOf(segments);
    }

    /** Which literal syntax applies. */
    enum Syntax { KEY, PATTERN }

    /** Literal text or a placeholder. */
    sealed interface Segment permits Literal, Placeholder {
    }

    /** @param text literal text, written unchanged */
    record Literal(String text) implements Segment {
    }

    /**
     * @param path the placeholder as written between the braces, such as {@code request.model}
     * @param parameter the parameter it names, such as {@code request}
     * @param properties the property path after the parameter, such as {@code [model]}; may be empty
     */
    record Placeholder(String path, String parameter, List<String> properties) implements Segment {
        Placeholder {
            properties = List.copyOf(properties);
        }
    }

    /**
     * What makes a template malformed.
     *
     * @param description what is wrong, and where
     * @param fix how to repair it
     * @param wildcard whether it is a pattern character in a key (reported by a message of its own)
     * @param character the character at fault
     * @param index where, from 0
     */
    record Problem(String description, String fix, boolean wildcard, char character, int index) {
    }

    /** @param template the parsed template, or {@code null} @param problem what is wrong, or {@code null} */
    record Parsed(KeyTemplate template, Problem problem) {
    }

    /** @return the placeholders, in order, with repeats */
    List<Placeholder> placeholders() {
        List<Placeholder> all = new ArrayList<>();
        for (Segment s : segments) {
            if (s instanceof Placeholder p) {
                all.add(p);
            }
        }
        return all;
    }

    /** @return the template, or the first problem in it */
    static Parsed parse(String text, Syntax syntax) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                int close = text.indexOf('}', i + 1);
                int reopen = text.indexOf('{', i + 1);
                if (close < 0 || (reopen >= 0 && reopen < close)) {
                    return problem("unclosed '{' at index " + i, "close the placeholder, such as {id}", c, i);
                }
                String path = text.substring(i + 1, close);
                if (path.isEmpty()) {
                    return problem("empty placeholder {} at index " + i, "name a parameter in it, such as {id}",
                            c, i);
                }
                String[] steps = path.split("\\.", -1);
                for (String step : steps) {
                    if (!isIdentifier(step)) {
                        return problem("placeholder {" + path + "} at index " + i
                                + " is not a parameter name or a property path", "write a parameter name, "
                                + "optionally followed by .property steps, such as {request.model}", c, i);
                    }
                }
                flush(literal, segments);
                segments.add(new Placeholder(path, steps[0], List.of(steps).subList(1, steps.length)));
                i = close;
            } else if (c == '}') {
                return problem("'}' at index " + i + " closes no placeholder",
                        "remove it, or open the placeholder with '{'", c, i);
            } else if (syntax == Syntax.KEY) {
                if (PATTERN_CHARACTERS.indexOf(c) >= 0) {
                    return new Parsed(null, new Problem("pattern character", "", true, c, i));
                }
                if (!isKeyText(c)) {
                    return problem(describe(c) + " at index " + i + " is not allowed in key text", "literal text "
                            + "may hold letters, digits and " + String.join(" ", KEY_PUNCTUATION.split("")), c, i);
                }
                literal.append(c);
            } else if (c == '\\') {
                if (i + 1 == text.length()) {
                    return problem("trailing '\\' at index " + i + " escapes nothing",
                            "remove it, or escape it as \\\\", c, i);
                }
                literal.append(c).append(text.charAt(++i));
            } else if (c == '[') {
                int end = endOfCharacterSet(text, i);
                if (end < 0) {
                    return problem("unclosed '[' at index " + i,
                            "close the character set with ']', or escape the bracket as \\[", c, i);
                }
                literal.append(text, i, end + 1);
                i = end;
            } else {
                literal.append(c);
            }
        }
        flush(literal, segments);
        return new Parsed(new KeyTemplate(text, segments), null);
    }

    /** @return the index of the {@code ]} that closes the set opened at {@code open}, or -1 */
    private static int endOfCharacterSet(String text, int open) {
        for (int j = open + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == ']') {
                return j;
            }
        }
        return -1;
    }

    private static Parsed problem(String description, String fix, char c, int index) {
        return new Parsed(null, new Problem(description, fix, false, c, index));
    }

    private static void flush(StringBuilder literal, List<Segment> segments) {
        if (literal.length() > 0) {
            segments.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private static boolean isKeyText(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || KEY_PUNCTUATION.indexOf(c) >= 0;
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** @return the character as a message shows it: {@code ':'}, {@code a space}, {@code U+00A0} */
    static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (c == '\t') {
            return "a tab";
        }
        if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
            return String.format(Locale.ROOT, "U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
