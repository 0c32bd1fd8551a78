package io.cacheweave.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code redis-server} binary shipped in {@code com.github.codemonstur:embedded-redis} (Redis 6.2), extracted
 * once per JVM into a temporary directory that is deleted at exit. Only the binary is used: the processes are
 * started by {@link RedisServer} like any other, so the library's fixed default ports (6379-6381) never come into
 * play. Kept in its own class so that {@link RedisServers} loads without the library when a {@code redis-server} is
 * on the PATH.
 */
final class EmbeddedRedisBinary {

    private EmbeddedRedisBinary() {
    }

    static Path extract() {
        try {
            File dir = Files.createTempDirectory("cacheweave-embedded-redis-").toFile();
            dir.deleteOnExit();
            File binary = redis.embedded.core.ExecutableProvider.newJarResourceProvider(dir).get();
            binary.deleteOnExit(); // registered after the directory, so deleted before it
            return binary.toPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded redis-server", e);
        }
    }
}
