package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The programmatic cache contract on a real Redis (ours, or {@code REDIS_URL} under a namespace of its own). */
class RedisCacheIT extends RedisCacheContract {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    static RedisServer server;

    @BeforeAll
    static void start() {
        server = RedisServers.standalone();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    Settings.Builder settings() {
        return server.settings()
                .core(c -> c.namespace(server.namespace() + "-" + UUID.randomUUID()
                .toString().substring(0, 8)));
    }
}
