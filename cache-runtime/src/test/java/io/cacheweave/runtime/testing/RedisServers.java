package io.cacheweave.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis servers for tests, each a {@code redis-server} process of our own on 127.0.0.1 and a free port, so tests
 * never touch a Redis that happens to run on the machine (such as one on 6379).
 *
 * <p>The binary is, in this order: the one named by the system property {@code cacheweave.test.redis-server} (a
 * path, or {@code embedded} to force the next-but-one choice), {@code redis-server} on the PATH, or the binary
 * inside {@code com.github.codemonstur:embedded-redis} (a test dependency; Redis 6.2 for Linux, macOS and Windows).
 *
 * <p>{@link #standalone()} uses the server of the {@code REDIS_URL} environment variable when it is set (tests then
 * work under their namespace and never flush); {@link #local()} always starts a process (for tests that stop and
 * restart the server or pause its clients). {@link #cluster(int)} always starts processes.
 */
public final class RedisServers {
    /** The cluster bus listens on port + 10000, so cluster ports stay below 55536. */
    private static final int CLUSTER_PORT_MIN = 20000;
    private static final int CLUSTER_PORT_MAX = 30000;
    private static final int SLOTS = 16384;
    private static Path binary;
    private static Path embedded;

    private RedisServers() {
    }

    /** @return the server of {@code REDIS_URL} if set, else a new process (see {@link #local()}) */
    public static RedisServer standalone() {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return RedisServer.external(url.strip());
        }
        return local();
    }

    /** @return a new {@code redis-server} process on a free port, answering {@code PING} */
    public static RedisServer local() {
        return local(binary());
    }

    /** @return a new process of the given {@code redis-server} binary on a free port, answering {@code PING} */
    public static RedisServer local(Path binary) {
        return local(binary, List.of(), List.of());
    }

    /**
     * @param extraArgs more command-line options, e.g. {@code --tls-port 6380 --tls-cert-file ...}
     * @return a new {@code redis-server} process on a free (plain-text) port, answering {@code PING} there
     */
    public static RedisServer local(List<String> extraArgs) {
        return local(binary(), List.of(), extraArgs);
    }

    /**
     * @param leadingArgs arguments before the options (a configuration file, then {@code --sentinel})
     * @param extraArgs more options after the fixture's own
     */
    static RedisServer local(Path binary, List<String> leadingArgs, List<String> extraArgs) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return RedisServer.local(binary, freePort(), leadingArgs, extraArgs);
            } catch (IllegalStateException e) {
                last = e; // the port was taken between the check and the start: another one
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw last;
    }

    /**
     * Starts {@code masters} cluster-enabled processes, gives each an equal share of the slots, joins them and waits
     * until every node reports {@code cluster_state:ok}.
     *
     * @param masters how many nodes, at least 1
     */
    public static RedisCluster cluster(int masters) {
        if (masters < 1) {
            throw new IllegalArgumentException("masters must be at least 1: " + masters);
        }
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(clusterNode());
            }
            for (int i = 0; i < masters; i++) {
                RedisServer node = nodes.get(i);
                List<Object> addSlots = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                for (int slot = i * SLOTS / masters; slot < (i + 1) * SLOTS / masters; slot++) {
                    addSlots.add(slot);
                }
                node.call(addSlots.toArray());
                node.call("CLUSTER", "SET-CONFIG-EPOCH", i + 1);
            }
            for (RedisServer node : nodes.subList(1, masters)) {
                nodes.get(0).call("CLUSTER", "MEET", node.host(), node.port());
            }
            awaitClusterOk(nodes);
            return new RedisCluster(nodes);
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    private static RedisServer clusterNode() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(CLUSTER_PORT_MIN, CLUSTER_PORT_MAX);
            if (!isFree(port) || !isFree(port + 10000)) {
                continue;
            }
            try {
                return RedisServer.local(binary(), port, List.of("--cluster-enabled", "yes", "--cluster-config-file",
                        "nodes.conf", "--cluster-node-timeout", "5000"));
            } catch (IllegalStateException e) {
                last = e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw last != null ? last : new IllegalStateException("no free port pair for a cluster node");
    }

    private static void awaitClusterOk(List<RedisServer> nodes) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (RedisServer node : nodes) {
            while (true) {
                String info = (String) node.call("CLUSTER", "INFO");
                Map<String, String> fields = new java.util.HashMap<>();
                for (String line : info.split("\r\n")) {
                    String[] kv = line.split(":", 2);
                    if (kv.length == 2) {
                        fields.put(kv[0], kv[1]);
                    }
                }
                if ("ok".equals(fields.get("cluster_state"))
                        && String.valueOf(nodes.size()).equals(fields.get("cluster_known_nodes"))) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster did not become ok: " + info);
                }
                RedisServer.sleep(20);
            }
        }
    }

    /** @return the {@code redis-server} binary (see the class comment) */
    public static synchronized Path binary() {
        if (binary == null) {
            binary = findBinary();
        }
        return binary;
    }

    /** @return the binary inside {@code embedded-redis} (extracted once per JVM) */
    public static synchronized Path embeddedBinary() {
        if (embedded == null) {
            try {
                embedded = EmbeddedRedisBinary.extract();
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("no redis-server on the PATH, and com.github.codemonstur:embedded-redis"
                        + " is not on the test class path to provide one", e);
            }
        }
        return embedded;
    }

    private static Path findBinary() {
        String configured = System.getProperty("cacheweave.test.redis-server");
        if (configured != null && !configured.isBlank() && !configured.equals("embedded")) {
            return Path.of(configured);
        }
        if (configured == null || !configured.equals("embedded")) {
            String path = System.getenv("PATH");
            for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return embeddedBinary();
    }

    /** @return a port that was free a moment ago on the loopback interface */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
