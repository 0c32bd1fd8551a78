package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.RedisCluster;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RedisTier}'s {@code PTTL}, atomic extension, {@code SCAN} listing and cleanup, on one server and on a
 * three-master cluster (keys spread over every master).
 */
class RedisTierTtlIT {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    static RedisServer server;
    static RedisCluster cluster;
    static RedisTier standalone;
    static RedisTier clustered;

    @BeforeAll
    static void start() {
        server = RedisServers.standalone();
        standalone = RedisTier.connect(RedisTierConfig.of(server.url()).withScanCount(10));
        cluster = RedisServers.cluster(3);
        clustered = RedisTier.connect(RedisTierConfig.ofCluster(cluster.seedUrl()).withScanCount(10));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {standalone, server, clustered, cluster}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Names only: JUnit closes {@code AutoCloseable} arguments after each invocation. */
    static Stream<Arguments> tiers() {
        return Stream.of(Arguments.of("standalone", server.namespace()), Arguments.of("cluster", cluster.namespace()));
    }

    private static RedisTier tier(String name) {
        return name.equals("cluster") ? clustered : standalone;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiers")
    void remainingMillis_presentAndAbsent(String name, String ns) {
        RedisTier tier = tier(name);
        String key = ns + ":pttl:" + name;
        tier.put(key, new byte[] {1}, MINUTE);
        long left = tier.remainingMillis(key);
        assertTrue(left > MINUTE.toMillis() - 5_000 && left <= MINUTE.toMillis(), String.valueOf(left));
        assertEquals(SharedTier.ABSENT, tier.remainingMillis(ns + ":pttl:absent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiers")
    void extendTtl_addsToWhatIsLeft_onlyForKeysWithAnExpiry(String name, String ns) {
        RedisTier tier = tier(name);
        String key = ns + ":extend:" + name;
        tier.put(key, new byte[] {1}, MINUTE);
        assertTrue(tier.extendTtl(key, MINUTE));
        long left = tier.remainingMillis(key);
        assertTrue(left > 2 * MINUTE.toMillis() - 5_000 && left <= 2 * MINUTE.toMillis(), String.valueOf(left));
        assertFalse(tier.extendTtl(ns + ":extend:absent", MINUTE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiers")
    void extendTtl_expiredKey_false(String name, String ns) throws InterruptedException {
        RedisTier tier = tier(name);
        String key = ns + ":expired:" + name;
        tier.put(key, new byte[] {1}, Duration.ofMillis(30));
        Thread.sleep(60);
        assertFalse(tier.extendTtl(key, MINUTE));
        assertEquals(SharedTier.ABSENT, tier.remainingMillis(key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiers")
    void keys_everyMaster_noDeletion_upToLimit(String name, String ns) {
        RedisTier tier = tier(name);
        String prefix = ns + ":list:" + name + ":";
        Set<String> written = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            written.add(prefix + i);
            tier.put(prefix + i, new byte[] {1}, MINUTE);
        }
        tier.put(ns + ":other:" + name, new byte[] {1}, MINUTE);
        assertEquals(written, new HashSet<>(tier.keys(prefix + "*", 1000)));
        assertEquals(40, tier.getAll(List.copyOf(written)).size(), "listing removes nothing");
        assertEquals(7, tier.keys(prefix + "*", 7).size());
        assertEquals(0, tier.cleanupExpired(prefix + "*"), "Redis expires keys itself");
    }
}
