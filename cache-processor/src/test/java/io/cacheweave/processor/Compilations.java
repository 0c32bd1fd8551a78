package io.cacheweave.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor, and reads what came out. */
final class Compilations {
    private Compilations() {
    }

    /** @param resources paths under {@code src/test/resources}, such as {@code good/com/acme/text/TextService.java} */
    static Compilation compile(String... resources) {
        JavaFileObject[] files = new JavaFileObject[resources.length];
        for (int i = 0; i < resources.length; i++) {
            files[i] = source(resources[i]);
        }
        return Compiler.javac().withProcessors(new CacheweaveProcessor()).withOptions("-Xlint:all,-processing").compile(files);
    }

    static JavaFileObject source(String resource) {
        return JavaFileObjects.forResource(resource);
    }

    /** @return the content of a generated file, such as the source of {@code com.acme.A_CacheweaveKeys} */
    static String generatedSource(Compilation c, String qualifiedName) {
        return c.generatedSourceFile(qualifiedName).map(Compilations::read)
                .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName));
    }

    /** @return the index, or {@code null} when none was written */
    static String index(Compilation c) {
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.toUri().getPath().endsWith("/" + CacheIndex.PATH)) {
                return read(f);
            }
        }
        return null;
    }

    /** @return a class loader that defines every class the compilation wrote, over the test's class path */
    static ClassLoader classLoader(Compilation c) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String path = f.toUri().getPath();
                String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                        path.length() - ".class".length()).replace('/', '.');
                try (InputStream in = f.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new ClassLoader(Compilations.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    private static String read(JavaFileObject f) {
        try {
            return f.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
