package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisCluster;
import io.cacheweave.runtime.testing.RedisServers;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The programmatic cache contract on the memory tier and a real three-master Redis Cluster of our own. */
class RedisClusterCacheIT extends RedisCacheContract {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    static RedisCluster cluster;

    @BeforeAll
    static void start() {
        cluster = RedisServers.cluster(3);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Override
    Settings.Builder settings() {
        return cluster.settings()
                .core(c -> c.namespace(cluster.namespace() + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }
}
