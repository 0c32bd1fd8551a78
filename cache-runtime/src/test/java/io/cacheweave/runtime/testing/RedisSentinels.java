package io.cacheweave.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Sentinel-managed Redis for tests: a master, one replica of it, and three sentinels (quorum 2) watching it as
 * {@value #MASTER_NAME}, each its own {@code redis-server} process on a free port ({@code redis-server --sentinel},
 * the same binary as {@code redis-sentinel}). Sentinels declare a master down after {@link #DOWN_AFTER_MILLIS}.
 */
public final class RedisSentinels implements AutoCloseable {
    /** The name the sentinels know the master by. */
    public static final String MASTER_NAME = "mymaster";
    /** How long a master must not answer before a sentinel considers it down. */
    public static final int DOWN_AFTER_MILLIS = 1000;

    private final RedisServer master;
    private final RedisServer replica;
    private final List<RedisServer> sentinels;

    private RedisSentinels(RedisServer master, RedisServer replica, List<RedisServer> sentinels) {
        this.master = master;
        this.replica = replica;
        this.sentinels = sentinels;
    }

    /** Starts the five processes and waits until the replica is in sync and every sentinel knows both. */
    public static RedisSentinels start() {
        List<RedisServer> started = new ArrayList<>();
        try {
            RedisServer master = RedisServers.local(List.of());
            started.add(master);
            RedisServer replica = RedisServers.local(List.of("--replicaof", master.host(),
                    String.valueOf(master.port())));
            started.add(replica);
            List<RedisServer> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path conf = Files.createTempDirectory("cacheweave-sentinel-").resolve("sentinel.conf");
                Files.writeString(conf, "sentinel monitor " + MASTER_NAME + " " + master.host() + " " + master.port()
                        + " 2\nsentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS
                        + "\nsentinel failover-timeout " + MASTER_NAME + " 3000\n", StandardCharsets.US_ASCII);
                RedisServer sentinel = RedisServers.local(RedisServers.binary(), List.of(conf.toString(),
                        "--sentinel"), List.of());
                started.add(sentinel);
                sentinels.add(sentinel);
            }
            RedisSentinels group = new RedisSentinels(master, replica, sentinels);
            group.awaitReady();
            return group;
        } catch (IOException e) {
            started.forEach(RedisServer::close);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            started.forEach(RedisServer::close);
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!ready()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("sentinels did not see the master and its replica in time");
            }
            RedisServer.sleep(50);
        }
    }

    private boolean ready() {
        String replication = (String) replica.call("INFO", "replication");
        if (!replication.contains("master_link_status:up")) {
            return false;
        }
        for (RedisServer sentinel : sentinels) {
            List<?> replicas = (List<?>) sentinel.call("SENTINEL", "REPLICAS", MASTER_NAME);
            List<?> others = (List<?>) sentinel.call("SENTINEL", "SENTINELS", MASTER_NAME);
            if (replicas.isEmpty() || others.size() < sentinels.size() - 1) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code redis-sentinel://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3/0#mymaster} */
    public String url() {
        return "redis-sentinel://" + sentinels.stream().map(s -> s.host() + ":" + s.port())
                .collect(Collectors.joining(",")) + "/0#" + MASTER_NAME;
    }

    /** @return the server that was the master at start */
    public RedisServer master() {
        return master;
    }

    /** @return the server that was the replica at start */
    public RedisServer replica() {
        return replica;
    }

    /** @return the port of the server the first sentinel that answers calls the master now */
    public int currentMasterPort() {
        for (RedisServer sentinel : sentinels) {
            try {
                List<?> address = (List<?>) sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
                return Integer.parseInt((String) address.get(1));
            } catch (RuntimeException e) {
                // try the next sentinel
            }
        }
        throw new IllegalStateException("no sentinel answered");
    }

    /** Stops every process. */
    @Override
    public void close() {
        sentinels.forEach(RedisServer::close);
        replica.close();
        master.close();
    }
}
