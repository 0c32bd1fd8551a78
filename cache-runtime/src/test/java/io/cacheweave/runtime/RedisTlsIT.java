package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.testing.TlsCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 8: a real redis-server serving TLS with a certificate of a throwaway CA made at test time. Trusted
 * through {@code cacheweave.redis.tls.ca-cert-file}, values, hits and invalidations go through {@code rediss://};
 * not trusted, start-up warns clearly, does not hang, and every call runs the method (fail-open).
 */
class RedisTlsIT {
    @TempDir
    static Path dir;
    private static TlsCertificates certificates;
    private static TlsCertificates otherAuthority;
    private static RedisServer redis;
    private static String tlsUrl;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        // the JVM's TLS machinery starts once, slowly on a busy machine: not part of what start-up is timed for
        javax.net.ssl.SSLContext.getDefault().createSSLEngine().getSupportedCipherSuites();
        certificates = TlsCertificates.create(Files.createDirectory(dir.resolve("ca")), "cacheweave test CA");
        otherAuthority = TlsCertificates.create(Files.createDirectory(dir.resolve("other")), "some other CA");
        int tlsPort = RedisServers.freePort();
        redis = RedisServers.local(certificates.redisServerArgs(tlsPort)); // plain port for the test's own checks
        tlsUrl = "rediss://127.0.0.1:" + tlsPort;
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    private Settings.Builder settings() {
        return Settings.builder().redis(r -> r.url(tlsUrl)).core(c -> c.namespace(redis.namespace()));
    }

    /** @return settings of a namespace no other test writes to */
    private Settings.Builder untrusting() {
        return settings().core(c -> c.namespace(redis.namespace() + "-untrusted"));
    }

    private Object call(MethodCache m, String id) throws Exception {
        return WovenCalls.call(m, id, () -> "v:" + id + ":" + loads.incrementAndGet());
    }

    @Test
    void rediss_caTrusted_valuesHitsAndInvalidationsGoThroughTls() throws Exception {
        // a generous bound and a busy machine's timeouts: this test is about TLS, and a busy machine must not turn
        // its memory hit into a Redis read, nor a slow command into a miss (the fail-open tests keep the defaults)
        Settings settings = settings().redis(r -> r.tlsCaCertFile(certificates.caCert().toString())
                .timeout(RedisServer.BUSY_MACHINE_TIMEOUT).connectTimeout(RedisServer.BUSY_MACHINE_CONNECT_TIMEOUT))
                .core(c -> c.invalidationMaxStaleness(Duration.ofSeconds(30))).build();
        try (CacheRuntime nodeA = CacheRuntime.builder().settings(settings).build();
                CacheRuntime nodeB = CacheRuntime.builder().settings(settings).build()) {
            MethodCache a = WovenCalls.textMethod(nodeA, "tls", 600, false);
            MethodCache b = WovenCalls.textMethod(nodeB, "tls", 600, false);
            // a first TLS handshake on a busy machine may outlast the 250 ms timeout; the connections retry
            WovenCalls.awaitTrue(() -> nodeA.busHealth().servesMemoryTier() && nodeB.busHealth().servesMemoryTier(),
                    "both buses subscribed over TLS", 30);
            WovenCalls.awaitTrue(() -> {
                try {
                    call(a, "warm-up");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return redis.keys().contains(redis.namespace() + ":v1:tls:warm-up");
            }, "the data connection is up over TLS", 30);
            loads.set(0);

            Object loaded = call(a, "1");
            assertTrue(redis.keys().contains(redis.namespace() + ":v1:tls:1"), redis.keys().toString());
            assertEquals(loaded, call(b, "1"), "B reads A's value from Redis over TLS");
            assertEquals(1, b.operationStats().sharedHits());
            assertEquals(loaded, call(b, "1"));
            OperationStats onB = b.operationStats();
            assertEquals(1, onB.hits() - onB.sharedHits(), "B's memory tier is served: its bus is healthy over TLS");
            assertEquals(1, loads.get());

            nodeA.pattern("tls:1", "test");
            WovenCalls.awaitTrue(() -> !b.inMemory("1"), "A's invalidation reached B over TLS");
            assertFalse(redis.keys().contains(redis.namespace() + ":v1:tls:1"));
        }
    }

    @Test
    void rediss_certificateNotTrusted_warnsAtStartUp_andFailsOpenWithoutHanging() throws Exception {
        assertFailsOpen(untrusting().build()); // the JVM's trust store does not know the test CA
    }

    @Test
    void rediss_anotherCaTrusted_warnsAtStartUp_andFailsOpenWithoutHanging() throws Exception {
        assertFailsOpen(untrusting().redis(r -> r.tlsCaCertFile(otherAuthority.caCert().toString())).build());
    }

    private void assertFailsOpen(Settings settings) throws Exception {
        String log;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            long start = System.nanoTime();
            try (CacheRuntime node = CacheRuntime.builder().settings(settings).build()) {
                Duration startUp = Duration.ofNanos(System.nanoTime() - start);
                // it waits at most the connect timeout (1 s) for the data connection and for the bus each
                assertTrue(startUp.compareTo(Duration.ofSeconds(10)) < 0, "start-up took " + startUp);
                MethodCache m = WovenCalls.textMethod(node, "tls", 600, false);
                for (int i = 1; i <= 3; i++) {
                    assertEquals("v:1:" + i, call(m, "1"), "the method runs, uncached, and no call fails");
                }
                assertEquals(0, m.operationStats().hits(), "no memory-tier hit without a healthy bus");
                // the first attempts may time out before the handshake ends; the certificate's rejection follows
                WovenCalls.awaitTrue(() -> captured.toString(StandardCharsets.UTF_8)
                        .contains("The TLS handshake failed"), "the TLS warning", 20);
            }
        } finally {
            System.setErr(err);
            log = captured.toString(StandardCharsets.UTF_8);
        }
        assertTrue(log.contains("WARN") && log.contains("The TLS handshake failed")
                && log.contains("cacheweave.redis.tls.ca-cert-file"), log);
        List<String> written = redis.keys(redis.namespace() + "-untrusted:*");
        assertTrue(written.isEmpty(), "nothing was written: " + written);
    }
}
