package io.cacheweave.spring.actuate;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the cache: always {@code UP}, since a cache that cannot reach Redis still serves (memory tier and the
 * methods themselves); the details name each shared tier, its circuit breaker's state, and {@code degraded: true}
 * while a breaker is not closed.
 */
public class CacheweaveHealthIndicator implements HealthIndicator {
    private final CacheRuntime runtime;

    /** @param runtime the application's runtime */
    public CacheweaveHealthIndicator(CacheRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        MonitorSnapshot snapshot = runtime.monitor().snapshot();
        Health.Builder health = Health.up();
        boolean degraded = false;
        Map<String, Object> tiers = new LinkedHashMap<>();
        for (MonitorSnapshot.TierHealth tier : snapshot.tiers()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("description", tier.description());
            detail.put("breaker", tier.breakerState());
            detail.put("errors", tier.errors());
            detail.put("timeouts", tier.timeouts());
            detail.put("skipped", tier.skipped());
            tiers.put(tier.tier(), detail);
            degraded |= !"CLOSED".equals(tier.breakerState());
        }
        health.withDetail("sharedTiers", tiers.isEmpty() ? "none (memory tier only)" : tiers);
        health.withDetail("degraded", degraded);
        if (degraded) {
            health.withDetail("reason", "a shared tier's circuit breaker is open: the cache serves from memory and "
                    + "the methods themselves until it closes");
        }
        return health.build();
    }
}
