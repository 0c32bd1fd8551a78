package io.cacheweave.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The test servers themselves: start, stop, start again on the same port; the embedded fallback binary. */
class RedisServersIT {

    @Test
    void local_stopStartSamePort() {
        try (RedisServer server = RedisServers.local()) {
            assertTrue(server.isLocal() && server.isRunning());
            assertEquals("PONG", server.call("PING"));
            int port = server.port();
            server.call("SET", server.key("k"), "v");
            server.stop();
            assertFalse(server.isRunning());
            assertThrows(UncheckedIOException.class, () -> server.call("PING"));
            server.start();
            assertEquals(port, server.port());
            assertEquals("PONG", server.call("PING"));
            assertEquals(0, server.keys().size(), "no persistence: a restarted server is empty");
        }
    }

    @Test
    void local_neverTheDefaultPort() {
        try (RedisServer server = RedisServers.local()) {
            assertTrue(server.port() != 6379);
            assertTrue(server.url().startsWith("redis://127.0.0.1:"));
        }
    }

    /** What a machine without redis-server on the PATH runs. */
    @Test
    void embeddedBinary_startsAndAnswers() {
        assertTrue(Files.isExecutable(RedisServers.embeddedBinary()));
        try (RedisServer server = RedisServers.local(RedisServers.embeddedBinary())) {
            assertEquals("PONG", server.call("PING"));
            assertTrue(((String) server.call("INFO", "server")).contains("redis_version:6.2"));
        }
    }

    @Test
    void close_removesTheDirectoryAndStopsTheProcess() {
        RedisServer server = RedisServers.local();
        server.close();
        assertFalse(server.isRunning());
    }
}
