package io.cacheweave.runtime.stats;

import java.util.function.Supplier;

/** One operation's MBean: every attribute read from that operation in a snapshot. */
final class OperationBean implements OperationMXBean {
    private final Supplier<MonitorSnapshot> snapshots;
    private final String operation;

    OperationBean(Supplier<MonitorSnapshot> snapshots, String operation) {
        this.snapshots = snapshots;
        this.operation = operation;
    }

    private MonitorSnapshot.Operation op() {
        for (MonitorSnapshot.Operation o : snapshots.get().operations()) {
            if (o.operation().equals(operation)) {
                return o;
            }
        }
        return new MonitorSnapshot.Operation(operation, new OperationCounters(operation).snapshot(),
                java.util.List.of(), null, java.util.List.of(), null, 0, null, MonitorSnapshot.Saved.NONE,
                MonitorSnapshot.MemoryFill.NONE);
    }

    private OperationStats c() {
        return op().counters();
    }

    private MonitorSnapshot.Tier shared() {
        return op().tiers().stream().filter(t -> !t.tier().equals("memory")).findFirst()
                .orElse(new MonitorSnapshot.Tier("none", 0, 0, MonitorSnapshot.Latency.NONE,
                        MonitorSnapshot.Latency.NONE, 0, 0));
    }

    @Override
    public String getOperation() {
        return operation;
    }

    @Override
    public long getHits() {
        return c().hits();
    }

    @Override
    public long getMisses() {
        return c().misses();
    }

    @Override
    public double getHitRatio() {
        return c().hitRatio();
    }

    @Override
    public long getLoads() {
        return c().loads();
    }

    @Override
    public long getLoadFailures() {
        return c().loadFailures();
    }

    @Override
    public double getAverageLoadMillis() {
        return c().averageLoadNanos() / 1e6;
    }

    @Override
    public long getEvictions() {
        return c().evictions();
    }

    @Override
    public long getExpirations() {
        return c().expirations();
    }

    @Override
    public long getInvalidations() {
        return c().invalidations();
    }

    @Override
    public long getInvalidatedKeys() {
        MonitorSnapshot.Invalidations i = op().invalidations();
        return i == null ? 0 : i.keysRemoved();
    }

    @Override
    public long getSharedHits() {
        return c().sharedHits();
    }

    @Override
    public long getSharedMisses() {
        return c().sharedMisses();
    }

    @Override
    public long getSingleFlightWaits() {
        return c().singleFlightWaits();
    }

    @Override
    public long getLeaseWaits() {
        return c().leaseWaits();
    }

    @Override
    public double getSharedGetP50Micros() {
        return shared().get().p50() / 1e3;
    }

    @Override
    public double getSharedGetP99Micros() {
        return shared().get().p99() / 1e3;
    }

    @Override
    public double getSharedPutP99Micros() {
        return shared().put().p99() / 1e3;
    }

    @Override
    public long getMemoryBytes() {
        return op().memoryBytes();
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
        return RuntimeBean.maxBytes(memory());
    }

    private MonitorSnapshot.MemoryFill memory() {
        MonitorSnapshot.MemoryFill m = op().memory();
        return m == null ? MonitorSnapshot.MemoryFill.NONE : m;
    }

    @Override
    public long getSavedCalls() {
        return RuntimeBean.saved(op().saved()).calls();
    }

    @Override
    public double getSavedTimeEstimateMillis() {
        return RuntimeBean.saved(op().saved()).estimatedNanos() / 1e6;
    }

    @Override
    public double getSavedMeanLoadMillis() {
        return RuntimeBean.saved(op().saved()).meanLoadNanos() / 1e6;
    }

    @Override
    public long getTtlSeconds() {
        java.time.Duration ttl = op().ttl();
        return ttl == null ? 0 : ttl.toSeconds();
    }

    @Override
    public String getSupports() {
        String supports = op().supports();
        return supports == null ? "" : supports;
    }

    @Override
    public boolean isInternal() {
        return op().supporting();
    }
}
