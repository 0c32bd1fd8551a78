package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults, checks and URL forms of {@link RedisTierConfig}. */
class RedisTierConfigTest {

    @Test
    void of_defaults() {
        RedisTierConfig c = RedisTierConfig.of("redis://localhost:6379");
        assertFalse(c.cluster());
        assertEquals(Duration.ofMillis(250), c.timeout());
        assertEquals(Duration.ofSeconds(1), c.connectTimeout());
        assertEquals(Duration.ofSeconds(1), c.maxReconnectDelay());
        assertEquals(500, c.scanCount());
        assertEquals("cacheweave", c.clientName());
    }

    @Test
    void withers_changeOneSetting() {
        RedisTierConfig c = RedisTierConfig.of(" redis://h:1 ").withTimeout(Duration.ofMillis(50)).withScanCount(10)
                .withClientName("app").withConnectTimeout(Duration.ofSeconds(3))
                .withMaxReconnectDelay(Duration.ofMillis(100));
        assertEquals(new RedisTierConfig("redis://h:1", false, Duration.ofMillis(50), Duration.ofSeconds(3),
                Duration.ofMillis(100), 10, "app"), c);
    }

    @Test
    void urlForms_parse() {
        assertEquals("h", RedisConnector.parse("redis://user:secret@h:6380/2", false).get(0).getHost());
        assertEquals(2, RedisConnector.parse("redis://user:secret@h:6380/2", false).get(0).getDatabase());
        assertTrue(RedisConnector.parse("rediss://h:6380", false).get(0).isSsl());
        RedisURI sentinel = RedisConnector.parse("redis-sentinel://pw@s1:26379,s2:26380/0#mymaster", false).get(0);
        assertEquals("mymaster", sentinel.getSentinelMasterId());
        assertEquals(2, sentinel.getSentinels().size());
        List<RedisURI> seeds = RedisConnector.parse("redis://h1:7000,h2:7001", true);
        assertEquals(List.of("h1:7000", "h2:7001"), seeds.stream().map(u -> u.getHost() + ":" + u.getPort()).toList());
        assertTrue(RedisTierConfig.ofCluster("redis://h1:7000,h2:7001").cluster());
    }

    @Test
    void badValues_rejectedWithTheRule() {
        assertEquals("url must not be blank",
                assertThrows(IllegalArgumentException.class, () -> RedisTierConfig.of(" ")).getMessage());
        assertEquals("timeout must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> RedisTierConfig.of("redis://h:1").withTimeout(Duration.ZERO)).getMessage());
        assertEquals("scanCount must be at least 1: 0", assertThrows(IllegalArgumentException.class,
                () -> RedisTierConfig.of("redis://h:1").withScanCount(0)).getMessage());
        assertEquals("clientName must be printable ASCII without spaces: a b", assertThrows(
                IllegalArgumentException.class, () -> RedisTierConfig.of("redis://h:1").withClientName("a b"))
                .getMessage());
        assertThrows(NullPointerException.class, () -> RedisTierConfig.of(null));
    }

    @Test
    void malformedUrl_rejectedWithoutThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisTierConfig.of("redis-sentinel://:hunter2@"));
        assertTrue(e.getMessage().startsWith("redis url is malformed"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        IllegalArgumentException cluster = assertThrows(IllegalArgumentException.class,
                () -> RedisTierConfig.ofCluster("redis-sentinel://h:1#m"));
        assertTrue(cluster.getMessage().contains("must start with redis:// or rediss://"), cluster.getMessage());
    }

    @Test
    void toString_redactsPassword() {
        String text = RedisTierConfig.of("redis://user:hunter2@h:6379/0").toString();
        assertTrue(text.contains("redis://user:***@h:6379/0"), text);
        assertFalse(text.contains("hunter2"));
        assertEquals("redis://***@h1:1,h2:2", RedisTierConfig.ofCluster("redis://hunter2@h1:1,h2:2").redactedUrl());
    }
}
