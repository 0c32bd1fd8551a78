package io.cacheweave.runtime.stats.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.ScriptedMonitor;
import io.cacheweave.runtime.testing.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatsPageTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private StatsPage page;

    @AfterEach
    void close() {
        if (page != null) {
            page.close();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(page.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void root_servesTheSelfContainedPage_withTheRefreshInterval() throws Exception {
        page = StatsPage.start(ScriptedMonitor.of(Snapshots.sample(0)), "127.0.0.1", 0, Duration.ofMillis(750));
        assertTrue(page.uri().toString().matches("http://127\\.0\\.0\\.1:\\d+/"), page.uri().toString());
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        String html = r.body();
        assertTrue(html.contains("const REFRESH_MILLIS = 750;"), "refresh substituted");
        assertTrue(html.contains("fetch(\"snapshot.json\""), "polls the JSON endpoint");
        assertFalse(html.contains(" src="), "no external script or image");
        assertFalse(html.contains("<link"), "no external style sheet");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*https?://.*"),
                "no address other than the SVG namespace");
    }

    @Test
    void snapshotJson_servesTheMonitorsJson() throws Exception {
        ScriptedMonitor monitor = new ScriptedMonitor(Snapshots::sample);
        page = StatsPage.start(monitor, "127.0.0.1", 0, Duration.ofSeconds(2));
        HttpResponse<String> first = get("/snapshot.json");
        HttpResponse<String> second = get("/snapshot.json");
        assertEquals(200, first.statusCode());
        assertEquals("application/json; charset=utf-8", first.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(new ScriptedMonitor(Snapshots::sample).snapshotJson(), first.body());
        assertTrue(first.body().contains("\"takenAt\":\"2026-01-15T10:00:00Z\""), first.body());
        assertTrue(second.body().contains("\"takenAt\":\"2026-01-15T10:00:01Z\""), "a new snapshot per request");
        assertEquals(2, monitor.snapshotCount());
    }

    @Test
    void errors_unknownPath404_post405_failingMonitor503() throws Exception {
        page = StatsPage.start(new ScriptedMonitor(n -> {
            throw new IllegalStateException("no snapshot");
        }), "127.0.0.1", 0, Duration.ofSeconds(2));
        assertEquals(404, get("/metrics").statusCode());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(page.uri()).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(page.uri())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> failed = get("/snapshot.json");
        assertEquals(503, failed.statusCode());
        assertEquals("the monitor could not take a snapshot: java.lang.IllegalStateException: no snapshot\n",
                failed.body());
        assertEquals(200, get("/").statusCode(), "the page itself still loads");
    }

    @Test
    void loopback_refusesForeignHostHeaders() throws Exception {
        page = StatsPage.start(ScriptedMonitor.of(Snapshots.sample(0)), "127.0.0.1", 0, Duration.ofSeconds(2));
        assertEquals("HTTP/1.1 403 Forbidden", statusLine("attacker.example:" + page.uri().getPort()));
        assertEquals("HTTP/1.1 200 OK", statusLine("localhost:" + page.uri().getPort()));
        assertTrue(StatsPage.loopbackHost("127.0.0.1:7979"));
        assertTrue(StatsPage.loopbackHost("[::1]:7979"));
        assertTrue(StatsPage.loopbackHost("LOCALHOST"));
        assertFalse(StatsPage.loopbackHost("127.0.0.1.attacker.example"));
        assertFalse(StatsPage.loopbackHost("localhost.attacker.example:80"));
    }

    @Test
    void close_stopsListening_andTheServerThreadsAreDaemons() throws Exception {
        page = StatsPage.start(ScriptedMonitor.of(Snapshots.sample(0)), "127.0.0.1", 0, Duration.ofSeconds(2));
        assertEquals(200, get("/").statusCode());
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HTTP-Dispatcher") || t.getName().startsWith("cacheweave-stats"))
                .forEach(t -> assertTrue(t.isDaemon(), t.getName() + " keeps the JVM alive"));
        URI uri = page.uri();
        page.close();
        page = null;
        assertThrows(ConnectException.class, () -> new Socket(uri.getHost(), uri.getPort()).close());
    }

    @Test
    void start_portTaken_throws_andArgumentsAreChecked() throws Exception {
        page = StatsPage.start(ScriptedMonitor.of(Snapshots.sample(0)), "127.0.0.1", 0, Duration.ofSeconds(2));
        int port = page.uri().getPort();
        assertThrows(java.net.BindException.class,
                () -> StatsPage.start(ScriptedMonitor.of(Snapshots.sample(0)), "127.0.0.1", port, Duration.ofSeconds(2)));
        assertEquals("port must be from 0 to 65535: 70000", assertThrows(IllegalArgumentException.class,
                () -> StatsPage.start(ScriptedMonitor.of(Snapshots.sample(0)), "127.0.0.1", 70_000,
                        Duration.ofSeconds(2))).getMessage());
        assertEquals("refresh must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> StatsPage.start(ScriptedMonitor.of(Snapshots.sample(0)), "127.0.0.1", 0, Duration.ZERO))
                .getMessage());
    }

    private String statusLine(String host) throws IOException {
        try (Socket s = new Socket(page.uri().getHost(), page.uri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }
}
