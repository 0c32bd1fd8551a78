package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** Redis goes away: cached methods keep answering, the application stays UP, its health says it runs degraded. */
class FailOpenIT {

    @Test
    void redisDown_callsAnswer_healthUpAndDegraded() {
        RedisServer redis = RedisServers.local();
        ConfigurableApplicationContext context = BookApplication.start("cacheweave.redis.url=" + redis.url(),
                "cacheweave.namespace=failopen-" + System.nanoTime(), "cacheweave.breaker.failure-threshold=3",
                "cacheweave.breaker.open-duration=1m", "cacheweave.redis.timeout=2s");
        CapturedLog log = new CapturedLog("io.cacheweave"); // after start-up: Spring Boot resets the logging then
        // Lettuce's watchdog reports each failed reconnect to the stopped Redis, when its timing allows
        CapturedLog lettuce = new CapturedLog("io.lettuce.core.protocol.ConnectionWatchdog");
        try {
            BookService books = context.getBean(BookService.class);
            HealthIndicator health = context.getBean("cacheweaveHealthIndicator", HealthIndicator.class);
            books.find("d-1");
            assertThat(health.health().getDetails()).containsEntry("degraded", false);

            redis.stop();
            for (int i = 0; i < 5; i++) {
                assertThat(books.find("d-" + (i + 2)).isbn()).isEqualTo("d-" + (i + 2)); // never an exception
            }
            assertThat(books.find("d-1").isbn()).isEqualTo("d-1"); // the memory tier still serves
            Health h = health.health();
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails()).containsEntry("degraded", true);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> tiers = (Map<String, Map<String, Object>>) h.getDetails()
                    .get("sharedTiers");
            assertThat(tiers.get("redis")).containsEntry("breaker", "OPEN");
        } finally {
            context.close();
            redis.close();
            log.close();
            lettuce.close();
        }
        assertThat(lettuce.messages()).allSatisfy(m -> assertThat(m).containsIgnoringCase("reconnect"));
        assertThat(log.messages()).anySatisfy(m -> assertThat(m).startsWith("WARN").containsIgnoringCase("breaker"));
    }
}
