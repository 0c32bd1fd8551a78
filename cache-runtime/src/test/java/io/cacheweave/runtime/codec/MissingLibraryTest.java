package io.cacheweave.runtime.codec;

import static io.cacheweave.runtime.codec.CodecFixtures.summaryOfAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.codec.CodecFixtures.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import org.junit.jupiter.api.Test;

/**
 * The codec classes loaded again by a class loader that hides a compression library, as in an application without
 * that dependency: choosing the algorithm fails at construction, naming the dependency; reading a value compressed
 * with it is {@link CodecException.Reason#UNKNOWN_COMPRESSION}; everything else works.
 */
class MissingLibraryTest {
    private static final String CODEC_PACKAGE = "io.cacheweave.runtime.codec.";

    /** Defines the codec package itself (child first) and pretends the hidden packages do not exist. */
    private static final class HidingClassLoader extends ClassLoader {
        private final String hidden;

        HidingClassLoader(String hiddenPackage) {
            super(MissingLibraryTest.class.getClassLoader());
            this.hidden = hiddenPackage;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(hidden)) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith(CODEC_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }

    /** The codec API, called reflectively on the classes of a hiding loader. */
    private record IsolatedCodec(ClassLoader loader) {
        Object build(String algorithm) throws Throwable {
            Class<?> codecClass = loader.loadClass(CODEC_PACKAGE + "JsonValueCodec");
            Class<?> compression = loader.loadClass(CODEC_PACKAGE + "Compression");
            Object builder = codecClass.getMethod("builder").invoke(null);
            Method choose = builder.getClass().getMethod("compression", compression);
            try {
                choose.invoke(builder, compression.getMethod("of", String.class).invoke(null, algorithm));
                return builder.getClass().getMethod("build").invoke(builder);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        Object decode(Object codec, byte[] bytes, Type type) throws Throwable {
            try {
                return codec.getClass().getMethod("decode", byte[].class, Type.class).invoke(codec, bytes, type);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        String reason(Throwable codecException) throws Exception {
            return String.valueOf(codecException.getClass().getMethod("reason").invoke(codecException));
        }
    }

    @Test
    void build_lz4WithoutLibrary_namesDependency() throws Throwable {
        IsolatedCodec isolated = new IsolatedCodec(new HidingClassLoader("net.jpountz."));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> isolated.build("lz4"));
        assertEquals("lz4 compression needs at.yawk.lz4:lz4-java on the class path; add it to the application's"
                + " dependencies (or choose another compression)", e.getMessage());
        assertInstanceOf(Object.class, isolated.build("zstd"), "the others still work");
        assertInstanceOf(Object.class, isolated.build("deflate"));
    }

    @Test
    void build_zstdWithoutLibrary_namesDependency() {
        IsolatedCodec isolated = new IsolatedCodec(new HidingClassLoader("com.github.luben."));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> isolated.build("zstd"));
        assertTrue(e.getMessage().startsWith("zstd compression needs com.github.luben:zstd-jni on the class path"),
                e.getMessage());
    }

    @Test
    void decode_valueCompressedWithMissingLibrary_unknownCompression() throws Throwable {
        byte[] lz4Value = JsonValueCodec.builder().compression(Compression.LZ4).build()
                .encode(summaryOfAbout(5000), Summary.class);
        byte[] deflateValue = JsonValueCodec.builder().compression(Compression.DEFLATE).build()
                .encode(summaryOfAbout(5000), Summary.class);
        IsolatedCodec isolated = new IsolatedCodec(new HidingClassLoader("net.jpountz."));
        Object codec = isolated.build("deflate");
        for (int attempt = 0; attempt < 2; attempt++) {
            Throwable e = assertThrows(Throwable.class, () -> isolated.decode(codec, lz4Value, Summary.class));
            assertEquals(CODEC_PACKAGE + "CodecException", e.getClass().getName());
            assertEquals("UNKNOWN_COMPRESSION", isolated.reason(e));
            assertTrue(e.getMessage().startsWith("the value is lz4-compressed, but lz4 compression needs"
                    + " at.yawk.lz4:lz4-java on the class path"), e.getMessage());
        }
        assertEquals(summaryOfAbout(5000), isolated.decode(codec, deflateValue, Summary.class));
    }
}
