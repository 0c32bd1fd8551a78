package io.cacheweave.runtime.key;

import java.util.Collection;
import java.util.Map;

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
 *
 * <h2>Patterns</h2>
 * A writer made by {@link #forPattern(int)} writes {@link #literal} text unchanged (so {@code *}, {@code ?} and
 * {@code [..]} stay wildcards) and glob-escapes everything a value renders to (each of {@code \ * ? [ ]} preceded by
 * {@code \}), so an argument can never widen a pattern; the resulting pattern matches the key text that the same
 * value renders to in a key writer.
 */
public final class KeyWriter {

    /** Rendering of {@code null}. */
    public static final String NULL_MARKER = "\\0";

    /** Prefix of a hashed text value. */
    public static final String HASH_PREFIX = "\\#";

    private KeyWriter(int hashThreshold, boolean pattern) {
        throw new UnsupportedOperationException("not yet implemented");
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
        throw new UnsupportedOperationException();
    }

    /**
     * @param renderedKeyText text rendered earlier by a key writer (already escaped); written unchanged in a key
     *     writer and glob-escaped in a pattern writer
     * @return this writer
     */
    public KeyWriter raw(String renderedKeyText) {
        throw new UnsupportedOperationException();
    }

    /** @return this writer, after writing {@link #NULL_MARKER} */
    public KeyWriter nullValue() {
        throw new UnsupportedOperationException();
    }

    /** @param value text, possibly {@code null} @return this writer */
    public KeyWriter value(CharSequence value) {
        throw new UnsupportedOperationException();
    }

    /** @param value a number @return this writer */
    public KeyWriter value(long value) {
        throw new UnsupportedOperationException();
    }

    /** @param value a number @return this writer */
    public KeyWriter value(int value) {
        return value((long) value);
    }

    /** @param value a number @return this writer */
    public KeyWriter value(double value) {
        throw new UnsupportedOperationException();
    }

    /** @param value a boolean @return this writer */
    public KeyWriter value(boolean value) {
        throw new UnsupportedOperationException();
    }

    /** @param value a character @return this writer */
    public KeyWriter value(char value) {
        throw new UnsupportedOperationException();
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
        throw new UnsupportedOperationException();
    }

    /** Starts an object: {@code (}. @return this writer */
    public KeyWriter beginObject() {
        throw new UnsupportedOperationException();
    }

    /** @param name the next property's name (a Java identifier) @return this writer */
    public KeyWriter name(String name) {
        throw new UnsupportedOperationException();
    }

    /** Ends an object: {@code )}. @return this writer */
    public KeyWriter endObject() {
        throw new UnsupportedOperationException();
    }

    /** Starts a list: {@code [}. @return this writer */
    public KeyWriter beginList() {
        throw new UnsupportedOperationException();
    }

    /** Ends a list: {@code ]}. @return this writer */
    public KeyWriter endList() {
        throw new UnsupportedOperationException();
    }

    /**
     * @param items the items, in order, possibly {@code null}
     * @param renderer renders one item
     * @param <T> item type
     * @return this writer
     */
    public <T> KeyWriter list(Iterable<? extends T> items, Renderer<? super T> renderer) {
        throw new UnsupportedOperationException();
    }

    /**
     * @param items the items, in any order (rendered sorted), possibly {@code null}
     * @param renderer renders one item
     * @param <T> item type
     * @return this writer
     */
    public <T> KeyWriter set(Collection<? extends T> items, Renderer<? super T> renderer) {
        throw new UnsupportedOperationException();
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
        throw new UnsupportedOperationException();
    }

    /** @return the characters written so far */
    public int length() {
        throw new UnsupportedOperationException();
    }

    /** @return the key or pattern text */
    @Override
    public String toString() {
        throw new UnsupportedOperationException();
    }
}
