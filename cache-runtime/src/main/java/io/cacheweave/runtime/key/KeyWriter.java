package io.cacheweave.runtime.key;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Renders logical keys ({@code operation:part:part}) and invalidation patterns, canonically and without reflection.
 * Generated key builders call it; so does the programmatic API. One writer renders one key; it is not thread-safe.
 *
 * <h2>Canonical form</h2>
 * <ul>
 *   <li>Text values are escaped: each of {@code \ : * ? [ ] ( ) , =} is preceded by {@code \}, so no value can
 *       contain a part separator, a pattern wildcard or a structure character of its own.</li>
 *   <li>A text value longer than the hash threshold becomes {@code \#} followed by the lower-case hex SHA-256 of its
 *       UTF-8 bytes, computed in chunks without a second full-size copy of the text.</li>
 *   <li>{@code null} renders as {@code \0}. Neither {@code \0} nor {@code \#} can come out of escaping.</li>
 *   <li>Booleans {@code true}/{@code false}; integral numbers in decimal; {@code float}/{@code double} by
 *       {@link Double#toString}; characters as one-character text; enums by {@link Enum#name()}.</li>
 *   <li>Objects (records, beans) and maps: {@code (name=value,name=value)}; maps sorted by the rendered key.</li>
 *   <li>Lists and arrays in order, sets sorted by the rendered element: {@code [a,b,c]}.</li>
 * </ul>
 * Inside a list the writer puts the {@code ,} between items itself; inside an object {@link #name} puts it between
 * properties. Every value method (including {@link #raw}, {@link #list}, {@link #set} and {@link #map}) writes one
 * item; {@link #literal} is template text and never gets a separator. Misuse (a value in an object without a name,
 * an unbalanced end) throws {@link IllegalStateException}: it is a bug in the caller.
 *
 * <h2>Patterns</h2>
 * A writer made by {@link #forPattern(int)} writes {@link #literal} text unchanged (so {@code *}, {@code ?} and
 * {@code [..]} stay wildcards) and glob-escapes everything a value renders to (each of {@code \ * ? [ ]} preceded by
 * {@code \}), so an argument can never widen a pattern; the resulting pattern matches the key text that the same
 * value renders to in a key writer. Sets and maps are ordered by their elements' <em>key</em> text in both kinds of
 * writer, so a pattern lists them in the order the key does.
 *
 * <p>Part of the woven ABI as well as of the API (see ARCHITECTURE.md, "The woven ABI"): generated key builders
 * write keys and patterns with it, so it changes only in ways that earlier generated code still links against.
 */
public final class KeyWriter {

    /** Rendering of {@code null}. */
    public static final String NULL_MARKER = "\\0";

    /** Prefix of a hashed text value. */
    public static final String HASH_PREFIX = "\\#";

    // Container states on the stack.
    private static final byte LIST_EMPTY = 0;
    private static final byte LIST_ITEMS = 1;
    private static final byte OBJECT_EMPTY = 2;
    private static final byte OBJECT_PROPERTIES = 3;
    private static final byte OBJECT_VALUE = 4;

    // Bit sets over ASCII: the characters escaped in key text, and the ones glob-escaped in pattern text.
    private static final long[] KEY_SPECIAL = bits("\\:*?[](),=");
    private static final long[] GLOB_SPECIAL = bits("\\*?[]");

    private final StringBuilder out = new StringBuilder(64);
    private final int hashThreshold;
    private final boolean pattern;
    private byte[] stack = new byte[8];
    private int depth;
    private int hashedParts;
    private long hashedSourceChars;

    private KeyWriter(int hashThreshold, boolean pattern) {
        if (hashThreshold < 0) {
            throw new IllegalArgumentException("hash threshold must not be negative: " + hashThreshold);
        }
        this.hashThreshold = hashThreshold;
        this.pattern = pattern;
    }

    /**
     * @param hashThreshold text values longer than this many characters are hashed
     * @return a writer for key text
     */
    public static KeyWriter forKey(int hashThreshold) {
        return new KeyWriter(hashThreshold, false);
    }

    /**
     * @param hashThreshold text values longer than this many characters are hashed
     * @return a writer for a glob pattern over key text
     */
    public static KeyWriter forPattern(int hashThreshold) {
        return new KeyWriter(hashThreshold, true);
    }

    /** @param text template text, written unchanged (checked by the compiler) @return this writer */
    public KeyWriter literal(String text) {
        out.append(Objects.requireNonNull(text, "literal text must not be null"));
        return this;
    }

    /**
     * @param renderedKeyText text rendered earlier by a key writer (already escaped); written unchanged in a key
     *     writer and glob-escaped in a pattern writer
     * @return this writer
     */
    public KeyWriter raw(String renderedKeyText) {
        Objects.requireNonNull(renderedKeyText, "rendered key text must not be null");
        beforeValue();
        emit(renderedKeyText);
        return this;
    }

    /** @return this writer, after writing {@link #NULL_MARKER} */
    public KeyWriter nullValue() {
        beforeValue();
        emit(NULL_MARKER);
        return this;
    }

    /** @param value text, possibly {@code null} @return this writer */
    public KeyWriter value(CharSequence value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        if (value.length() > hashThreshold) {
            emit(HASH_PREFIX);
            emit(TextDigest.sha256Hex(value));
            hashedParts++;
            hashedSourceChars += value.length();
        } else {
            escaped(value);
        }
        return this;
    }

    /** @param value a number @return this writer */
    public KeyWriter value(long value) {
        beforeValue();
        out.append(value); // digits and '-' need no escaping in either kind of writer
        return this;
    }

    /** @param value a number @return this writer */
    public KeyWriter value(int value) {
        return value((long) value);
    }

    /** @param value a number @return this writer */
    public KeyWriter value(double value) {
        beforeValue();
        out.append(Double.toString(value)); // digits, '.', 'E', '-', "NaN", "Infinity": nothing to escape
        return this;
    }

    /** @param value a boolean @return this writer */
    public KeyWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** @param value a character @return this writer */
    public KeyWriter value(char value) {
        beforeValue();
        if (hashThreshold < 1) {
            emit(HASH_PREFIX);
            emit(TextDigest.sha256Hex(String.valueOf(value)));
            hashedParts++;
            hashedSourceChars++;
        } else {
            escaped(value);
        }
        return this;
    }

    /**
     * Renders a value whose type is not known at compile time: {@code null}, text, boxed primitives, enums,
     * {@link java.util.Optional}, arrays, collections and maps (recursively, canonically), and
     * {@link Object#toString()} (escaped) for anything else, including records.
     *
     * @param value any value
     * @return this writer
     */
    public KeyWriter value(Object value) {
        if (value == null) {
            return nullValue();
        } else if (value instanceof Keys.LongText t) { // a memory-tier key part: the digest of a long text
            beforeValue();
            emit(HASH_PREFIX);
            emit(t.sha256Hex());
            hashedParts++;
            hashedSourceChars += t.length();
            return this;
        } else if (value instanceof CharSequence s) {
            return value(s);
        } else if (value instanceof Boolean b) {
            return value(b.booleanValue());
        } else if (value instanceof Character c) {
            return value(c.charValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            return value(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            return value(((Number) value).doubleValue());
        } else if (value instanceof BigInteger || value instanceof BigDecimal) {
            beforeValue();
            out.append(value); // decimal digits, '-', '.', 'E', '+': nothing to escape
            return this;
        } else if (value instanceof Enum<?> e) {
            return value(e.name());
        } else if (value instanceof Optional<?> o) {
            return o.isPresent() ? value(o.get()) : nullValue();
        } else if (value instanceof Set<?> s) {
            return set(s, Renderer.DEFAULT);
        } else if (value instanceof Collection<?> c) {
            return list(c, Renderer.DEFAULT);
        } else if (value instanceof Map<?, ?> m) {
            return map(m, Renderer.DEFAULT, Renderer.DEFAULT);
        } else if (value.getClass().isArray()) {
            return array(value);
        }
        String text = value.toString();
        return text == null ? nullValue() : value(text);
    }

    private KeyWriter array(Object array) {
        beginList();
        if (array instanceof Object[] a) {
            for (Object o : a) {
                value(o);
            }
        } else if (array instanceof int[] a) {
            for (int v : a) {
                value((long) v);
            }
        } else if (array instanceof long[] a) {
            for (long v : a) {
                value(v);
            }
        } else if (array instanceof byte[] a) {
            for (byte v : a) {
                value((long) v);
            }
        } else if (array instanceof short[] a) {
            for (short v : a) {
                value((long) v);
            }
        } else if (array instanceof char[] a) {
            for (char v : a) {
                value(v);
            }
        } else if (array instanceof boolean[] a) {
            for (boolean v : a) {
                value(v);
            }
        } else if (array instanceof double[] a) {
            for (double v : a) {
                value(v);
            }
        } else if (array instanceof float[] a) {
            for (float v : a) {
                value((double) v);
            }
        }
        return endList();
    }

    /** Starts an object: {@code (}. @return this writer */
    public KeyWriter beginObject() {
        beforeValue();
        push(OBJECT_EMPTY);
        out.append('(');
        return this;
    }

    /** @param name the next property's name (a Java identifier) @return this writer */
    public KeyWriter name(String name) {
        Objects.requireNonNull(name, "property name must not be null");
        byte top = depth == 0 ? -1 : stack[depth - 1];
        if (top == OBJECT_PROPERTIES) {
            out.append(',');
        } else if (top != OBJECT_EMPTY) {
            throw new IllegalStateException("name(\"" + name + "\") must follow beginObject() or a property value: "
                    + out);
        }
        stack[depth - 1] = OBJECT_VALUE;
        escaped(name);
        out.append('=');
        return this;
    }

    /** Ends an object: {@code )}. @return this writer */
    public KeyWriter endObject() {
        byte top = depth == 0 ? -1 : stack[depth - 1];
        if (top != OBJECT_EMPTY && top != OBJECT_PROPERTIES) {
            throw new IllegalStateException(top == OBJECT_VALUE ? "endObject() right after name(): the property "
                    + "has no value: " + out : "endObject() without beginObject(): " + out);
        }
        depth--;
        out.append(')');
        return this;
    }

    /** Starts a list: {@code [}. @return this writer */
    public KeyWriter beginList() {
        beforeValue();
        push(LIST_EMPTY);
        emit('[');
        return this;
    }

    /** Ends a list: {@code ]}. @return this writer */
    public KeyWriter endList() {
        byte top = depth == 0 ? -1 : stack[depth - 1];
        if (top != LIST_EMPTY && top != LIST_ITEMS) {
            throw new IllegalStateException("endList() without beginList(): " + out);
        }
        depth--;
        emit(']');
        return this;
    }

    /**
     * @param items the items, in order, possibly {@code null}
     * @param renderer renders one item
     * @param <T> item type
     * @return this writer
     */
    public <T> KeyWriter list(Iterable<? extends T> items, Renderer<? super T> renderer) {
        if (items == null) {
            return nullValue();
        }
        beginList();
        for (T item : items) {
            renderer.render(this, item);
        }
        return endList();
    }

    /**
     * @param items the items, in any order (rendered sorted), possibly {@code null}
     * @param renderer renders one item
     * @param <T> item type
     * @return this writer
     */
    public <T> KeyWriter set(Collection<? extends T> items, Renderer<? super T> renderer) {
        if (items == null) {
            return nullValue();
        }
        String[][] rendered = new String[items.size()][];
        int n = 0;
        for (T item : items) {
            if (n == rendered.length) { // a concurrently growing collection: render what we see
                rendered = Arrays.copyOf(rendered, n * 2 + 1);
            }
            rendered[n++] = renderPair(item, renderer);
        }
        sortPairs(rendered, n);
        beforeValue();
        emit('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(rendered[i][1]);
        }
        emit(']');
        return this;
    }

    /**
     * @param map the map, in any order (rendered sorted by rendered key), possibly {@code null}
     * @param keys renders one map key
     * @param values renders one map value
     * @param <K> key type
     * @param <V> value type
     * @return this writer
     */
    public <K, V> KeyWriter map(Map<? extends K, ? extends V> map, Renderer<? super K> keys,
            Renderer<? super V> values) {
        if (map == null) {
            return nullValue();
        }
        // Each entry: {sort text, output text}; the sort text is the key's key text, then the value's, so two keys
        // that render alike (distinct objects with equal toString) still come out in a stable order.
        String[][] rendered = new String[map.size()][];
        int n = 0;
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
            if (n == rendered.length) {
                rendered = Arrays.copyOf(rendered, n * 2 + 1);
            }
            String[] k = renderPair(e.getKey(), keys);
            String[] v = renderPair(e.getValue(), values);
            rendered[n++] = new String[] {k[0] + '=' + v[0], k[1] + '=' + v[1]};
        }
        sortPairs(rendered, n);
        beforeValue();
        out.append('(');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(rendered[i][1]);
        }
        out.append(')');
        return this;
    }

    /** @return the characters written so far */
    public int length() {
        return out.length();
    }

    /** @return how many text values were hashed (key writers; for statistics) */
    public int hashedParts() {
        return hashedParts;
    }

    /**
     * @return the length of the text rendered from, for statistics: the characters written, with each hashed value
     *     counted by its own length instead of its hash (key writers)
     */
    public long sourceLength() {
        return out.length() - (long) hashedParts * (HASH_PREFIX.length() + 64) + hashedSourceChars;
    }

    /** @return the key or pattern text */
    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Renders one element with forked writers: {@code {key text, output text}}. Elements sort by their key text in
     * both kinds of writer, because glob escaping does not keep the order of key texts ({@code \*} sorts before
     * {@code \0}, but {@code \\\*} after {@code \\0}), and a pattern must list elements in the key's order.
     */
    private <T> String[] renderPair(T item, Renderer<? super T> renderer) {
        KeyWriter key = new KeyWriter(hashThreshold, false);
        renderer.render(key, item);
        String keyText = key.toString();
        if (!pattern) {
            hashedParts += key.hashedParts;
            hashedSourceChars += key.hashedSourceChars;
        }
        if (!pattern) {
            return new String[] {keyText, keyText};
        }
        KeyWriter glob = new KeyWriter(hashThreshold, true);
        renderer.render(glob, item);
        return new String[] {keyText, glob.toString()};
    }

    private static void sortPairs(String[][] pairs, int n) {
        // Ties on the key text can only differ in pattern output (a renderer writing literals); order those too.
        Arrays.sort(pairs, 0, n, (a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : a[1].compareTo(b[1]);
        });
    }

    /** Writes the separator an item needs in the current container, and checks that an item may come here. */
    private void beforeValue() {
        if (depth == 0) {
            return;
        }
        switch (stack[depth - 1]) {
            case LIST_EMPTY -> stack[depth - 1] = LIST_ITEMS;
            case LIST_ITEMS -> out.append(',');
            case OBJECT_VALUE -> stack[depth - 1] = OBJECT_PROPERTIES;
            default -> throw new IllegalStateException("a value inside an object must follow name(...): " + out);
        }
    }

    private void push(byte state) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = state;
    }

    /** Writes key-escaped text (and glob-escapes the result in a pattern writer). */
    private void escaped(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            escaped(text.charAt(i));
        }
    }

    private void escaped(char c) {
        if (in(KEY_SPECIAL, c)) {
            emit('\\');
        }
        emit(c);
    }

    /** Writes key text: unchanged in a key writer, glob-escaped in a pattern writer. */
    private void emit(CharSequence keyText) {
        if (!pattern) {
            out.append(keyText);
            return;
        }
        for (int i = 0, n = keyText.length(); i < n; i++) {
            emit(keyText.charAt(i));
        }
    }

    private void emit(char c) {
        if (pattern && in(GLOB_SPECIAL, c)) {
            out.append('\\');
        }
        out.append(c);
    }

    private static boolean in(long[] set, char c) {
        return c < 128 && (set[c >>> 6] & (1L << c)) != 0;
    }

    private static long[] bits(String chars) {
        long[] set = new long[2];
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            set[c >>> 6] |= 1L << c;
        }
        return set;
    }
}
