package io.cacheweave.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Redis server for tests: either a {@code redis-server} process of our own on 127.0.0.1 (started by
 * {@link RedisServers}), which can be stopped and started again on the same port, or an external server from
 * {@code REDIS_URL}, which cannot.
 *
 * <p>Tests must keep their keys under {@link #namespace()} (use {@link #key(String)}) and never flush: on an external
 * server other data may live beside theirs. {@link #close()} stops a process of our own and removes its directory;
 * on an external server it removes the keys of the namespace.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "redis-test-servers-cleanup"));
    }

    private final Path binary;
    private final Path dir;
    private final List<String> leadingArgs;
    private final List<String> extraArgs;
    private final String host;
    private final int port;
    private final String externalUrl;
    private final String namespace = "cwtest-" + UUID.randomUUID().toString().substring(0, 8);
    private Process process;

    private RedisServer(Path binary, Path dir, int port, List<String> leadingArgs, List<String> extraArgs, String host,
            String externalUrl) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.leadingArgs = List.copyOf(leadingArgs);
        this.extraArgs = List.copyOf(extraArgs);
        this.host = host;
        this.externalUrl = externalUrl;
    }

    /** Starts a process on {@code port} and waits until it answers {@code PING}. */
    static RedisServer local(Path binary, int port, List<String> extraArgs) throws IOException {
        return local(binary, port, List.of(), extraArgs);
    }

    /** As {@link #local(Path, int, List)}, with arguments before the options (a configuration file, ...). */
    static RedisServer local(Path binary, int port, List<String> leadingArgs, List<String> extraArgs)
            throws IOException {
        Path dir = Files.createTempDirectory("cacheweave-redis-" + port + "-");
        RedisServer server = new RedisServer(binary, dir, port, leadingArgs, extraArgs, "127.0.0.1", null);
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    static RedisServer external(String url) {
        URI uri = URI.create(url);
        return new RedisServer(null, null, uri.getPort() < 0 ? 6379 : uri.getPort(), List.of(), List.of(),
                uri.getHost(), url);
    }

    /** @return {@code redis://127.0.0.1:<port>}, or the external URL */
    public String url() {
        return externalUrl != null ? externalUrl : "redis://" + host + ":" + port;
    }

    /** @return the host to connect to */
    public String host() {
        return host;
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return a key prefix unique to this server object: {@code cwtest-<random>} */
    public String namespace() {
        return namespace;
    }

    /** Command timeout of {@link #settings()} and {@link #tierConfig()}: a busy machine's, not the 250 ms default. */
    public static final Duration BUSY_MACHINE_TIMEOUT = Duration.ofSeconds(10);
    /** Connect timeout of {@link #settings()} and {@link #tierConfig()}, instead of the 1 s default. */
    public static final Duration BUSY_MACHINE_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Settings for a runtime on this server, under {@link #namespace()}, with timeouts for a busy machine. With the
     * defaults (250 ms a command, 1 s for a runtime's first connection and its bus's subscription, after which it
     * goes on memory-only and connects in the background) a slow moment on a shared 2-core CI machine is a miss or
     * a skipped write, and a test that expects a shared hit fails. For tests about what the tiers do, not about
     * timeouts (those set their own).
     */
    public io.cacheweave.runtime.config.Settings.Builder settings() {
        return io.cacheweave.runtime.config.Settings.builder().redis(r -> r.url(url()).timeout(BUSY_MACHINE_TIMEOUT)
                .connectTimeout(BUSY_MACHINE_CONNECT_TIMEOUT)).core(c -> c.namespace(namespace));
    }

    /** @return a tier configuration for this server with the timeouts of {@link #settings()} */
    public io.cacheweave.runtime.tier.RedisTierConfig tierConfig() {
        return io.cacheweave.runtime.tier.RedisTierConfig.of(url()).withTimeout(BUSY_MACHINE_TIMEOUT)
                .withConnectTimeout(BUSY_MACHINE_CONNECT_TIMEOUT);
    }

    /** @return {@code <namespace>:<suffix>} */
    public String key(String suffix) {
        return namespace + ":" + suffix;
    }

    /** @return whether this is a process of our own (which {@link #stop()}/{@link #start()} may control) */
    public boolean isLocal() {
        return externalUrl == null;
    }

    /** @return the directory of this process's files (its log, its configuration) */
    public Path dir() {
        return dir;
    }

    /** @return whether our process is running */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the process again on the same port (after {@link #stop()}); waits until it answers. */
    public synchronized void start() {
        requireLocal("start");
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(leadingArgs);
        command.addAll(List.of("--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--logfile", ""));
        command.addAll(extraArgs);
        Path log = dir.resolve("redis.log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        LIVE.add(process);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                LIVE.remove(process);
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + ": " + tail(log));
            }
            try (Resp resp = Resp.connect(host, port, Duration.ofMillis(200))) {
                if ("PONG".equals(resp.call("PING"))) {
                    return;
                }
            } catch (RuntimeException | IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("redis-server on port " + port + " did not answer within "
                        + START_TIMEOUT + ": " + tail(log));
            }
            sleep(10);
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 5 s) and waits for it; the port stays ours to start again. */
    public synchronized void stop() {
        requireLocal("stop");
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        LIVE.remove(p);
        process = null;
    }

    /** Sends one command on a new connection. */
    public Object call(Object... args) {
        try (Resp resp = connect()) {
            return resp.call(args);
        }
    }

    /** @return a new admin connection (authenticated and on the URL's database for an external server) */
    public Resp connect() {
        try {
            Resp resp = Resp.connect(host, port, Duration.ofSeconds(5));
            if (externalUrl != null) {
                URI uri = URI.create(externalUrl);
                if (uri.getUserInfo() != null) {
                    String[] userPassword = uri.getUserInfo().split(":", 2);
                    if (userPassword.length == 2 && !userPassword[0].isEmpty()) {
                        resp.call("AUTH", userPassword[0], userPassword[1]);
                    } else {
                        resp.call("AUTH", userPassword[userPassword.length - 1]);
                    }
                }
                if (uri.getPath() != null && uri.getPath().length() > 1) {
                    resp.call("SELECT", uri.getPath().substring(1));
                }
            }
            return resp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** @return the keys of this server's namespace (by {@code SCAN}) */
    public List<String> keys() {
        return keys(namespace + ":*");
    }

    /** @return the keys matching a glob (by {@code SCAN}; on a cluster node: that node's keys) */
    @SuppressWarnings("unchecked")
    public List<String> keys(String glob) {
        List<String> keys = new ArrayList<>();
        try (Resp resp = connect()) {
            String cursor = "0";
            do {
                List<Object> reply = (List<Object>) resp.call("SCAN", cursor, "MATCH", glob, "COUNT",
                        "1000");
                cursor = (String) reply.get(0);
                ((List<Object>) reply.get(1)).forEach(k -> keys.add((String) k));
            } while (!cursor.equals("0"));
        }
        return keys;
    }

    /** Stops our process and removes its directory; on an external server removes the namespace's keys. */
    @Override
    public void close() {
        if (externalUrl != null) {
            List<String> keys = keys();
            if (!keys.isEmpty()) {
                call(Stream.concat(Stream.of("UNLINK"), keys.stream()).toArray());
            }
            return;
        }
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + url() + (isLocal() ? ", local" : ", external") + "]";
    }

    private void requireLocal(String what) {
        if (externalUrl != null) {
            throw new UnsupportedOperationException("cannot " + what + " the external server " + externalUrl
                    + "; use RedisServers.local()");
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
