package io.cacheweave.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheweave.annotations.Cached;
import io.cacheweave.runtime.woven.WovenAtBuildTime;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The constant-pool walk the agent runs over every class it is shown. */
class ClassBytesTest {

    static class WithCached {
        @Cached(operation = "class-bytes")
        public String get(String id) {
            return id;
        }
    }

    @WovenAtBuildTime
    static class Marked {
        long big = 1L << 40; // a Long constant: two constant-pool entries
        double d = 2.5;
    }

    static class Plain {
        String text = "Lio/cacheweave/annotations/Cached;x"; // a longer constant that contains the descriptor
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getName().lastIndexOf('.') + 1)
                + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void scan_findsTheCachedDescriptor_theMarker_andNothingInOtherClasses() throws IOException {
        assertEquals(ClassBytes.NAMES_CACHED, ClassBytes.scan(bytes(WithCached.class)));
        assertEquals(ClassBytes.NAMES_MARKER, ClassBytes.scan(bytes(Marked.class)));
        assertEquals(0, ClassBytes.scan(bytes(Plain.class)));
    }

    @Test
    void scan_notAClassFile_orCutShort_findsNothing_andDoesNotThrow() throws IOException {
        assertEquals(0, ClassBytes.scan(new byte[] {1, 2, 3}));
        assertEquals(0, ClassBytes.scan("not a class file at all".getBytes()));
        byte[] whole = bytes(WithCached.class);
        for (int length = 0; length < whole.length; length += 7) {
            ClassBytes.scan(Arrays.copyOf(whole, length)); // never throws
        }
    }

    @Test
    void neverWoven_byName() {
        assertEquals(true, IndexedClassTransformer.neverWoven("java/lang/String"));
        assertEquals(true, IndexedClassTransformer.neverWoven("io/netty/channel/Channel"));
        assertEquals(true, IndexedClassTransformer.neverWoven("io/cacheweave/agent/ClassWeaver"));
        assertEquals(false, IndexedClassTransformer.neverWoven("io/cacheweave/agent/it/WovenService"));
        assertEquals(false, IndexedClassTransformer.neverWoven("com/example/Service"));
    }
}
