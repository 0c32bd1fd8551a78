package io.cacheweave.agent.bench;

import io.cacheweave.runtime.woven.WovenAtBuildTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Defines one class from the build-woven test classes ({@code -Dbench.build-woven=<dir>}, set by
 * {@link BenchmarkMain}) in a loader of its own, everything else coming from the class path, so that a fork under
 * the agent holds an agent-woven and a build-woven method side by side.
 */
final class BuildWovenClasses {
    private BuildWovenClasses() {
    }

    static <T> T newInstance(Class<? extends T> type, Class<T> face) {
        Path dir = Path.of(System.getProperty("bench.build-woven", "target/build-woven-test-classes"));
        Path file = dir.resolve(type.getName().replace('.', '/') + ".class");
        try {
            byte[] bytes = Files.readAllBytes(file);
            ClassLoader loader = new ClassLoader(type.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!name.equals(type.getName())) {
                        return super.loadClass(name, resolve);
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
                    }
                }
            };
            Class<?> woven = loader.loadClass(type.getName());
            if (!woven.isAnnotationPresent(io.cacheweave.runtime.woven.WovenAtBuildTime.class)) {
                throw new IllegalStateException(file + " is not woven at build time");
            }
            return face.cast(woven.getConstructor().newInstance());
        } catch (IOException e) {
            throw new UncheckedIOException("no build-woven class at " + file + "; run the bench profile, which "
                    + "weaves the test classes first", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
