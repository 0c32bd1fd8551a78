package io.cacheweave.runtime.stats.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cacheweave.runtime.stats.CacheMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * A small HTTP stats page over a {@link CacheMonitor}, on the JDK's built-in HTTP server:
 *
 * <ul>
 *   <li>{@code GET /}: a self-contained HTML page (no external scripts, styles or fonts): what caching saved and
 *       how full the memory tiers are in its header; a table per operation (hits, misses, hit ratio, time saved,
 *       get latency p50/p95/p99, loads, evictions, entries and bytes against their bounds, compression ratio; a
 *       library's internal caches, {@code MonitorSnapshot.Operation.supports()}, dimmed under the cache they serve); the
 *       tiers, the alerts and recommendations, the most accessed keys; and charts of hit ratio, time saved, memory
 *       and latency per operation over the snapshot's history, broken where an interval has no data; it polls
 *       {@code /snapshot.json} every {@code refresh};</li>
 *   <li>{@code GET /snapshot.json}: {@link CacheMonitor#snapshotJson()}.</li>
 * </ul>
 *
 * <p>Bound to {@code 127.0.0.1} by default; bound to a loopback address it also refuses requests whose
 * {@code Host} is not a loopback name, so a web page elsewhere cannot read it through DNS rebinding. It serves from
 * one daemon thread and never keeps the JVM alive. There is no authentication: bind it to another address only on a
 * trusted network.
 */
public final class StatsPage implements AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(StatsPage.class);
    private static final String PAGE = "stats.html";
    private static final String CHARTS_SCRIPT = "stats-charts.js";
    private static final String SCRIPT = "stats.js";
    private static final String USAGE_SCRIPT = "stats-usage.js";
    private static final String GROUPS_SCRIPT = "stats-groups.js";

    private final CacheMonitor monitor;
    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] html;
    private final boolean loopback;
    private final URI uri;

    private StatsPage(CacheMonitor monitor, InetSocketAddress address, Duration refresh) throws IOException {
        this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
        this.html = page(refresh);
        this.loopback = address.getAddress().isLoopbackAddress();
        this.server = HttpServer.create(address, 16);
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "cacheweave-stats-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        startAsDaemon(server);
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    /**
     * Starts serving the page.
     *
     * @param monitor what the page shows
     * @param bind the address to listen on, such as {@code 127.0.0.1} (loopback) or {@code 0.0.0.0} (every interface)
     * @param port the TCP port, 0 to 65535; {@code 0} for any free port (see {@link #uri()})
     * @param refresh how often the open page fetches a new snapshot; positive
     * @return the running page
     * @throws IOException if the address cannot be bound (the port is taken, the host is unknown)
     * @throws IllegalArgumentException if the port or the refresh is out of range
     */
    public static StatsPage start(CacheMonitor monitor, String bind, int port, Duration refresh) throws IOException {
        Objects.requireNonNull(bind, "bind must not be null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
        if (refresh == null || refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("refresh must be positive: " + refresh);
        }
        return new StatsPage(monitor, new InetSocketAddress(InetAddress.getByName(bind), port), refresh);
    }

    /** @return the page's address, such as {@code http://127.0.0.1:7979/} (the actual port when started with 0) */
    public URI uri() {
        return uri;
    }

    /** Stops listening at once and ends the serving thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "StatsPage{" + uri + "}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (loopback && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 403, "text/plain", "host not allowed\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "method not allowed: " + method + "\n");
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html", html);
            } else if (path.equals("/snapshot.json")) {
                snapshot(exchange);
            } else {
                send(exchange, 404, "text/plain", "not found: " + path + "\n");
            }
        } catch (RuntimeException e) {
            LOG.debug("cacheweave: stats page request failed", e);
        }
    }

    private void snapshot(HttpExchange exchange) throws IOException {
        String json;
        try {
            json = monitor.snapshotJson();
        } catch (RuntimeException e) {
            LOG.debug("cacheweave: the monitor could not take a snapshot for the stats page", e);
            send(exchange, 503, "text/plain", "the monitor could not take a snapshot: " + e + "\n");
            return;
        }
        send(exchange, 200, "application/json", json);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type + "; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; "
                + "style-src 'unsafe-inline'; connect-src 'self'; img-src data:");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return true; // HTTP/1.0 without Host: not a browser
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? "" : h.substring(0, end + 1);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** @return the page, its scripts inlined (one self-contained document), the refresh filled in */
    private static byte[] page(Duration refresh) {
        return resource(PAGE)
                .replace("/*__STATS_CHARTS_JS__*/", resource(CHARTS_SCRIPT))
                .replace("/*__STATS_USAGE_JS__*/", resource(USAGE_SCRIPT))
                .replace("/*__STATS_GROUPS_JS__*/", resource(GROUPS_SCRIPT))
                .replace("/*__STATS_JS__*/", resource(SCRIPT))
                .replace("__REFRESH_MILLIS__", Long.toString(Math.max(1, refresh.toMillis())))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = StatsPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("stats page resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's dispatcher thread inherits daemon status from the thread that starts it. */
    private static void startAsDaemon(HttpServer server) throws IOException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "cacheweave-stats-http-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new IOException("interrupted while starting the stats page", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
