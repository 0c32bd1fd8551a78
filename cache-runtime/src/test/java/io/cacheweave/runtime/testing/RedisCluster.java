package io.cacheweave.runtime.testing;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of our own for tests: one master per node, slots split evenly, no replicas. Keys may go anywhere;
 * tests keep them under {@link #namespace()}.
 */
public final class RedisCluster implements AutoCloseable {
    private final List<RedisServer> nodes;
    private final String namespace = "cwtest-" + UUID.randomUUID().toString().substring(0, 8);

    RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** @return the masters */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** @return every node as a seed: {@code redis://127.0.0.1:p1,127.0.0.1:p2,...} */
    public String seedUrl() {
        return "redis://" + nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
    }

    /** @return a key prefix unique to this cluster object */
    public String namespace() {
        return namespace;
    }

    /**
     * Settings for a runtime on this cluster, under {@link #namespace()}, with the timeouts for a busy machine of
     * {@link RedisServer#settings()}; for tests about what the tiers do, not about timeouts.
     */
    public io.cacheweave.runtime.config.Settings.Builder settings() {
        return io.cacheweave.runtime.config.Settings.builder().redis(r -> r.url(seedUrl()).cluster(true)
                .timeout(RedisServer.BUSY_MACHINE_TIMEOUT).connectTimeout(RedisServer.BUSY_MACHINE_CONNECT_TIMEOUT))
                .core(c -> c.namespace(namespace));
    }

    /** @return {@code <namespace>:<suffix>} */
    public String key(String suffix) {
        return namespace + ":" + suffix;
    }

    /** @return the node that serves the slot of {@code key} */
    @SuppressWarnings("unchecked")
    public RedisServer nodeOf(String key) {
        long slot = (Long) nodes.get(0).call("CLUSTER", "KEYSLOT", key);
        for (Object range : (List<Object>) nodes.get(0).call("CLUSTER", "SLOTS")) {
            List<Object> r = (List<Object>) range;
            if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
                long port = (Long) ((List<Object>) r.get(2)).get(1);
                return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** Stops every node. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    @Override
    public String toString() {
        return "RedisCluster[" + seedUrl() + "]";
    }
}
