package io.cacheweave.runtime.stats;

import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The runtime's MBean: every attribute read from a snapshot of the whole runtime. */
final class RuntimeBean implements CacheweaveMXBean {
    private final Supplier<MonitorSnapshot> snapshots;

    RuntimeBean(Supplier<MonitorSnapshot> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public int getOperationCount() {
        return snapshots.get().operations().size();
    }

    @Override
    public long getHits() {
        return snapshots.get().operations().stream().filter(o -> !o.supporting()).mapToLong(o -> o.counters().hits())
                .sum();
    }

    @Override
    public long getMisses() {
        return snapshots.get().operations().stream().filter(o -> !o.supporting())
                .mapToLong(o -> o.counters().misses()).sum();
    }

    @Override
    public double getHitRatio() {
        long hits = getHits();
        long calls = hits + getMisses();
        return calls == 0 ? 0.0 : (double) hits / calls;
    }

    @Override
    public long getMemoryBytes() {
        return snapshots.get().memoryBytes();
    }

    @Override
    public long getMemoryEntries() {
        return memory().entries();
    }

    @Override
    public long getMemoryMaxEntries() {
        return memory().maxEntries();
    }

    @Override
    public long getMemoryMaxBytes() {
        return maxBytes(memory());
    }

    private MonitorSnapshot.MemoryFill memory() {
        MonitorSnapshot.MemoryFill m = snapshots.get().memory();
        return m == null ? MonitorSnapshot.MemoryFill.NONE : m;
    }

    @Override
    public long getSavedCalls() {
        return saved(snapshots.get().saved()).calls();
    }

    @Override
    public double getSavedTimeEstimateMillis() {
        return saved(snapshots.get().saved()).estimatedNanos() / 1e6;
    }

    @Override
    public String getSharedTier() {
        return snapshots.get().tiers().stream().map(t -> t.tier() + " " + t.breakerState())
                .collect(Collectors.joining(", ")).transform(s -> s.isEmpty() ? "none" : s);
    }

    @Override
    public long getRedisUsedMemoryBytes() {
        MonitorSnapshot.RedisServer redis = snapshots.get().redis();
        return redis == null ? -1 : redis.usedMemoryBytes();
    }

    @Override
    public String getAlerts() {
        return snapshots.get().alerts().stream().map(a -> a.level() + " " + a.kind() + ": " + a.message())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public String getRecommendations() {
        return snapshots.get().recommendations().stream().map(r -> (r.subject().isEmpty() ? "" : r.subject()
                + ": ") + r.finding() + " -> " + r.advice()).collect(Collectors.joining("\n"));
    }

    @Override
    public String getSnapshotJson() {
        return MonitorJson.write(snapshots.get());
    }

    static MonitorSnapshot.Saved saved(MonitorSnapshot.Saved saved) {
        return saved == null ? MonitorSnapshot.Saved.NONE : saved;
    }

    static long maxBytes(MonitorSnapshot.MemoryFill memory) {
        return memory.maxBytes() == null ? -1 : memory.maxBytes();
    }
}
