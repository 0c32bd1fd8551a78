package io.cacheweave.runtime;

import io.cacheweave.runtime.stats.KeyLabels;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.OperationDetail;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.stats.Recording;
import io.cacheweave.runtime.stats.Savings;
import io.cacheweave.runtime.tier.CircuitBreaker;
import io.cacheweave.runtime.tier.GuardedTier;
import io.cacheweave.runtime.tier.RedisInfo;
import io.cacheweave.runtime.tier.RedisTier;
import io.cacheweave.runtime.tier.SharedTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the parts of a {@link MonitorSnapshot} from a runtime's counters, caches and shared tier. */
final class MonitorSnapshots {
    private final CacheRuntime runtime;
    private final Recording recording;

    MonitorSnapshots(CacheRuntime runtime, Recording recording) {
        this.runtime = runtime;
        this.recording = recording;
    }

    /** @return the memory-tier fill of every operation that has a cache, by operation (its caches summed) */
    Map<String, MonitorSnapshot.MemoryFill> memoryByOperation() {
        Map<String, MonitorSnapshot.MemoryFill> fill = new TreeMap<>();
        for (MonitoredCache c : runtime.monitoredCaches()) {
            fill.merge(c.operation(), c.memoryFill(), MonitorSnapshot.MemoryFill::plus);
        }
        return fill;
    }

    List<MonitorSnapshot.Operation> operations(long now, Map<String, MonitorSnapshot.MemoryFill> memory) {
        Map<String, Duration> ttls = new TreeMap<>();
        for (MonitoredCache c : runtime.monitoredCaches()) {
            ttls.putIfAbsent(c.operation(), c.ttl());
        }
        List<MonitorSnapshot.Operation> out = new ArrayList<>();
        for (Map.Entry<String, OperationCounters> e : new TreeMap<>(runtime.allCounters()).entrySet()) {
            String op = e.getKey();
            OperationCounters counters = e.getValue();
            OperationStats s = counters.snapshot();
            List<MonitorSnapshot.Tier> tiers = new ArrayList<>();
            long memoryHits = s.hits() - s.sharedHits();
            tiers.add(new MonitorSnapshot.Tier("memory", memoryHits, s.misses() + s.sharedHits(),
                    MonitorSnapshot.Latency.NONE, MonitorSnapshot.Latency.NONE, 0, 0));
            OperationDetail d = counters.detail();
            MonitorSnapshot.Keys keys;
            List<MonitorSnapshot.SizeTier> values;
            MonitorSnapshot.Invalidations invalidations;
            if (d != null) {
                tiers.addAll(d.sharedTiers(now, s.sharedHits(), s.sharedMisses()));
                keys = d.keys();
                values = d.values();
                invalidations = d.invalidations(counters);
            } else {
                MonitorSnapshot.KeyKind none = new MonitorSnapshot.KeyKind(0, 0, 0, 0);
                keys = new MonitorSnapshot.Keys(none, none);
                values = List.of();
                invalidations = new MonitorSnapshot.Invalidations(s.invalidations(), counters.invalidatedEntries(),
                        counters.invalidationContexts(), null);
            }
            Duration ttl = ttls.getOrDefault(op, runtime.settings().core().operationTtl(op)
                    .orElse(runtime.settings().core().defaultTtl()));
            MonitorSnapshot.MemoryFill fill = memory.getOrDefault(op, MonitorSnapshot.MemoryFill.NONE);
            out.add(new MonitorSnapshot.Operation(op, s, tiers, keys, values, invalidations, fill.bytes(), ttl,
                    Savings.of(s, Savings.meanLoadNanos(counters, now)), fill, runtime.supports(op)));
        }
        return out;
    }

    List<MonitorSnapshot.TierHealth> tiers() {
        SharedTierAccess shared = runtime.sharedTier();
        if (shared == null) {
            return List.of();
        }
        SharedTier tier = shared.tier();
        if (tier instanceof GuardedTier guarded) {
            CircuitBreaker b = guarded.breaker();
            return List.of(new MonitorSnapshot.TierHealth(shared.tierName(), description(b),
                    b.state().name(), b.transitions(), guarded.errors(), guarded.timeouts(), guarded.skipped()));
        }
        return List.of(new MonitorSnapshot.TierHealth(shared.tierName(), String.valueOf(tier), "CLOSED", 0, 0, 0,
                0));
    }

    /** @return the breaker's name without the tier kind: the redacted URL or the directory */
    private static String description(CircuitBreaker breaker) {
        String name = breaker.name();
        for (String prefix : new String[] {"redis ", "file tier "}) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    /** @return what Redis reports about itself, or {@code null} without Redis or when it cannot be asked */
    MonitorSnapshot.RedisServer redis() {
        SharedTierAccess shared = runtime.sharedTier();
        if (shared == null) {
            return null;
        }
        SharedTier tier = shared.tier() instanceof GuardedTier g ? g.delegate() : shared.tier();
        if (!(tier instanceof RedisTier redis)) {
            return null;
        }
        RedisInfo info = redis.info();
        return info == null ? null : new MonitorSnapshot.RedisServer(info.keyspaceHits(), info.keyspaceMisses(),
                info.usedMemoryBytes(), info.connectedClients(), info.commandsProcessed());
    }

    List<MonitorSnapshot.KeyCount> topKeys(int n) {
        return KeyLabels.label(recording.topKeys().top(n, String::valueOf));
    }
}
