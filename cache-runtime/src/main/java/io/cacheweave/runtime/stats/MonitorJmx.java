package io.cacheweave.runtime.stats;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a monitor's MBeans on the platform MBean server: {@code io.cacheweave:type=Cacheweave} and one
 * {@code io.cacheweave:type=Operation,name=<operation>} per operation. When two runtimes live in one JVM (a test
 * installs a new one before the old is closed), the later one's beans replace the earlier one's, and closing the
 * earlier one leaves them in place. Never throws: a failure is logged once.
 */
public final class MonitorJmx implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorJmx.class);
    /** The domain of every name. */
    public static final String DOMAIN = "io.cacheweave";
    /** Which object registered each name, so a runtime unregisters only its own beans. */
    private static final Map<ObjectName, Object> OWNERS = new ConcurrentHashMap<>();

    private final Supplier<MonitorSnapshot> snapshots;
    private final Set<ObjectName> mine = ConcurrentHashMap.newKeySet();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private volatile boolean closed;

    /** @param snapshots the snapshots the attributes are read from (cached by the caller) */
    public MonitorJmx(Supplier<MonitorSnapshot> snapshots) {
        this.snapshots = snapshots;
    }

    /** @return the name of the runtime's bean */
    public static ObjectName runtimeName() {
        return name("type=Cacheweave");
    }

    /** @param operation an operation @return the name of its bean */
    public static ObjectName operationName(String operation) {
        return name("type=Operation,name=" + (operation.matches("[^,=:\"*?\\\\\n]+") ? operation
                : ObjectName.quote(operation)));
    }

    /** Registers the runtime's bean. */
    public void registerRuntime() {
        register(runtimeName(), new RuntimeBean());
    }

    /** @param operation registers its bean, unless already registered by this monitor */
    public void registerOperation(String operation) {
        ObjectName name = operationName(operation);
        if (!mine.contains(name)) {
            register(name, new OperationBean(operation));
        }
    }

    private synchronized void register(ObjectName name, Object bean) {
        if (closed) {
            return;
        }
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
            OWNERS.put(name, this);
            mine.add(name);
        } catch (JMException | RuntimeException e) {
            LOG.warn("cacheweave: cannot register MBean {}: {}", name, e.toString());
        }
    }

    /** Unregisters this monitor's beans (those not taken over by a later runtime). */
    @Override
    public synchronized void close() {
        closed = true;
        for (ObjectName name : mine) {
            if (OWNERS.remove(name, this)) {
                try {
                    server.unregisterMBean(name);
                } catch (JMException | RuntimeException e) {
                    LOG.debug("cacheweave: cannot unregister MBean {}", name, e);
                }
            }
        }
        mine.clear();
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (JMException e) {
            throw new IllegalArgumentException("malformed MBean name: " + properties, e);
        }
    }

    private static MonitorSnapshot.Saved saved(MonitorSnapshot.Saved saved) {
        return saved == null ? MonitorSnapshot.Saved.NONE : saved;
    }

    private static long maxBytes(MonitorSnapshot.MemoryFill memory) {
        return memory.maxBytes() == null ? -1 : memory.maxBytes();
    }

    private final class RuntimeBean implements CacheweaveMXBean {
        @Override
        public int getOperationCount() {
            return snapshots.get().operations().size();
        }

        @Override
        public long getHits() {
            return snapshots.get().operations().stream().mapToLong(o -> o.counters().hits()).sum();
        }

        @Override
        public long getMisses() {
            return snapshots.get().operations().stream().mapToLong(o -> o.counters().misses()).sum();
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
    }

    private final class OperationBean implements OperationMXBean {
        private final String operation;

        OperationBean(String operation) {
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
            return maxBytes(memory());
        }

        private MonitorSnapshot.MemoryFill memory() {
            MonitorSnapshot.MemoryFill m = op().memory();
            return m == null ? MonitorSnapshot.MemoryFill.NONE : m;
        }

        @Override
        public long getSavedCalls() {
            return saved(op().saved()).calls();
        }

        @Override
        public double getSavedTimeEstimateMillis() {
            return saved(op().saved()).estimatedNanos() / 1e6;
        }

        @Override
        public double getSavedMeanLoadMillis() {
            return saved(op().saved()).meanLoadNanos() / 1e6;
        }

        @Override
        public long getTtlSeconds() {
            java.time.Duration ttl = op().ttl();
            return ttl == null ? 0 : ttl.toSeconds();
        }
    }
}
