package io.cacheweave.runtime.key;

import java.util.Arrays;
import java.util.Objects;

/**
 * Memory-tier keys built by generated {@link KeyFunction}s: the argument itself when there is one key part, a
 * small tuple when there are several. Tuples compare by value ({@link Objects#equals}), so {@code null} parts are
 * fine; a single {@code null} part becomes {@link #NULL}, because the memory tier does not take {@code null} keys.
 */
public final class Keys {

    /** The key of a single key part whose value is {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "Keys.NULL";
        }
    };

    /** The key of a method with no key parts (one entry per method). */
    public static final Object EMPTY = new Object() {
        @Override
        public String toString() {
            return "Keys.EMPTY";
        }
    };

    /** Text key parts longer than this are kept by their digest; the process-wide runtime's hash threshold. */
    private static int textThreshold = 1000;

    private Keys() {
    }

    /**
     * Sets the length above which {@link #text} keeps a text by its digest: the process-wide runtime's
     * {@code cacheweave.key.hash-threshold}, set by the runtime when it is made or installed. Read without a lock on
     * the hit path: a call that sees the old value keys a text in full, or by digest, once more (an extra entry,
     * never a wrong one).
     *
     * @param threshold text values longer than this many characters are digested, positive
     */
    public static void textThreshold(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("text threshold must be positive: " + threshold);
        }
        textThreshold = threshold;
    }

    /**
     * A text key part as the memory tier keeps it: itself, or a {@link LongText} when it is longer than the hash
     * threshold, so that a megabyte argument costs the memory tier a digest, not a megabyte. Any other value is
     * returned as it is; a short text costs one length check.
     *
     * @param part a key part of a text (or undeclared) type, possibly {@code null}
     * @return the part to put in the key
     */
    public static Object text(Object part) {
        if (part instanceof String s) {
            return s.length() > textThreshold ? new LongText(s) : s;
        }
        return part instanceof CharSequence cs && cs.length() > textThreshold ? new LongText(cs) : part;
    }

    /**
     * @param part the single key part
     * @return {@code part}, or {@link #NULL} when it is {@code null}
     */
    public static Object single(Object part) {
        return part != null ? part : NULL;
    }

    /**
     * @param key a key returned by {@link #single(Object)}
     * @return the part, {@code null} for {@link #NULL}
     */
    public static Object unwrap(Object key) {
        return key == NULL ? null : key;
    }

    /** @param a first part @param b second part @return a tuple of two parts */
    public static Tuple of(Object a, Object b) {
        return new Tuple2(a, b);
    }

    /** @param parts the parts, at least three; the array is not copied @return a tuple */
    public static Tuple of(Object... parts) {
        return new TupleN(parts);
    }

    /**
     * A text key part longer than the hash threshold, kept by the hex SHA-256 of its UTF-8 bytes (the full digest, so
     * two different texts never share an entry) and its length. It renders as the text it stands for does:
     * {@code \#} and the digest.
     */
    public static final class LongText {
        private final String sha256Hex;
        private final int length;

        LongText(CharSequence text) {
            this.sha256Hex = TextDigest.sha256Hex(text);
            this.length = text.length();
        }

        /** @return the lower-case hex SHA-256 of the text's UTF-8 bytes */
        public String sha256Hex() {
            return sha256Hex;
        }

        /** @return the length of the text, in characters */
        public int length() {
            return length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LongText t && t.length == length && t.sha256Hex.equals(sha256Hex);
        }

        @Override
        public int hashCode() {
            return sha256Hex.hashCode();
        }

        @Override
        public String toString() {
            return KeyWriter.HASH_PREFIX + sha256Hex;
        }
    }

    /** A key of several parts, compared by value. */
    public abstract static sealed class Tuple permits Tuple2, TupleN {
        Tuple() {
        }

        /** @param index part index, from 0 @return the part, possibly {@code null} */
        public abstract Object get(int index);
    }

    static final class Tuple2 extends Tuple {
        private final Object a;
        private final Object b;

        Tuple2(Object a, Object b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public Object get(int index) {
            return switch (index) {
                case 0 -> a;
                case 1 -> b;
                default -> throw new IndexOutOfBoundsException("tuple of 2 has no part " + index);
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tuple2 t && Objects.equals(a, t.a) && Objects.equals(b, t.b);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(a) + Objects.hashCode(b);
        }

        @Override
        public String toString() {
            return "(" + a + ", " + b + ")";
        }
    }

    static final class TupleN extends Tuple {
        private final Object[] parts;

        TupleN(Object[] parts) {
            this.parts = parts;
        }

        @Override
        public Object get(int index) {
            return parts[index];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TupleN t && Arrays.equals(parts, t.parts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(parts);
        }

        @Override
        public String toString() {
            return Arrays.toString(parts);
        }
    }
}
