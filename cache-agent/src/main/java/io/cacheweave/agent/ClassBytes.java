package io.cacheweave.agent;

import java.nio.charset.StandardCharsets;

/**
 * Reads the constant pool of a class file, without any library, for the names the agent looks for in every class
 * it is shown: the descriptors of {@code @Cached} and {@code @Invalidate} (every class with woven methods carries
 * one of them, since the annotations are kept at run time; a class compiled without the processor too) and of the
 * build-time weaver's mark. A walk over the constant pool's entries costs a few hundred steps per class; only a
 * class that names one of them is looked up in the weave index or parsed further.
 */
final class ClassBytes {
    /** The class names {@code @Cached} in its constant pool (an annotation, or a field or variable of that type). */
    static final int NAMES_CACHED = 1;
    /** The class names the mark of a class woven at build time ({@link MethodWeaving#MARKER}). */
    static final int NAMES_MARKER = 2;
    /** The class names {@code @Invalidate} or its container for repeated annotations. */
    static final int NAMES_INVALIDATE = 4;

    private static final byte[] CACHED = "Lio/cacheweave/annotations/Cached;".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INVALIDATE = "Lio/cacheweave/annotations/Invalidate;".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INVALIDATE_LIST =
            "Lio/cacheweave/annotations/Invalidate$List;".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MARKER =
            ("L" + MethodWeaving.MARKER.replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);
    private static final int MAGIC = 0xCAFEBABE;

    private ClassBytes() {
    }

    /**
     * @return {@link #NAMES_CACHED}, {@link #NAMES_INVALIDATE} and {@link #NAMES_MARKER} as found; 0 for bytes that
     *         are not a class file
     */
    static int scan(byte[] b) {
        int found = 0;
        try {
            if (b.length < 10 || u4(b, 0) != MAGIC) {
                return 0;
            }
            int count = u2(b, 8);
            int at = 10;
            for (int i = 1; i < count; i++) {
                switch (b[at] & 0xff) {
                    case 1 -> { // Utf8
                        int length = u2(b, at + 1);
                        if (length == CACHED.length && equalAt(b, at + 3, CACHED)) {
                            found |= NAMES_CACHED;
                        } else if (length == MARKER.length && equalAt(b, at + 3, MARKER)) {
                            found |= NAMES_MARKER;
                        } else if (length == INVALIDATE.length && equalAt(b, at + 3, INVALIDATE)
                                || length == INVALIDATE_LIST.length && equalAt(b, at + 3, INVALIDATE_LIST)) {
                            found |= NAMES_INVALIDATE;
                        }
                        at += 3 + length;
                    }
                    case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
                    case 15 -> at += 4; // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                    case 5, 6 -> { // Long, Double: two entries
                        at += 9;
                        i++;
                    }
                    default -> {
                        return found; // a constant this reader does not know: stop looking
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException cutShort) {
            // a truncated class file: the JVM rejects it on its own
        }
        return found;
    }

    private static boolean equalAt(byte[] b, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (b[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u4(byte[] b, int at) {
        return (u2(b, at) << 16) | u2(b, at + 2);
    }
}
