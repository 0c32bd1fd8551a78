package io.cacheweave.runtime;

import io.cacheweave.runtime.config.MonitorSettings;
import io.cacheweave.runtime.stats.Alerts;
import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.stats.CacheObserver;
import io.cacheweave.runtime.stats.History;
import io.cacheweave.runtime.stats.LatencyWindow;
import io.cacheweave.runtime.stats.MonitorJson;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.Recommendations;
import io.cacheweave.runtime.stats.Recording;
import io.cacheweave.runtime.stats.Savings;
import io.cacheweave.runtime.stats.UsageSavings;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link CacheMonitor} of one runtime: assembles snapshots ({@link MonitorSnapshots}), takes the history samples
 * and checks the alert thresholds once per interval (on a shared daemon thread, and on every snapshot, so a test's
 * {@code ManualClock} of the test-jar drives it), and keeps the JMX beans registered ({@link MonitorBeans}).
 */
final class RuntimeMonitor implements CacheMonitor, AutoCloseable {
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "cacheweave-monitor");
        t.setDaemon(true);
        return t;
    });
    private static final long JMX_SNAPSHOT_MAX_AGE_NANOS = 1_000_000_000L;
    /** A sample is taken up to this fraction of an interval before it is due (a tick may come a little early). */
    private static final long SAMPLE_EARLY_DIVISOR = 10;

    private final CacheRuntime runtime;
    private final MonitorSettings settings;
    private final Recording recording;
    private final History history;
    private final Alerts alerts;
    private final MonitorSnapshots snapshots;
    /** The MBeans, registered in the background ({@link MonitorBeans}); {@code null} when JMX is off. */
    private final MonitorBeans jmx;
    private final List<UsageSavings> usageSavings = new CopyOnWriteArrayList<>();
    private volatile boolean usageFailureLogged;
    private ScheduledFuture<?> task;
    private long nextSample;
    private MonitorSnapshot cached;
    private long cachedAt;

    RuntimeMonitor(CacheRuntime runtime, Recording recording) {
        this.runtime = runtime;
        this.settings = runtime.settings().monitor();
        this.recording = recording;
        this.history = new History(settings.retention());
        this.alerts = new Alerts(alert -> recording.fire(o -> o.onAlert(alert)));
        this.snapshots = new MonitorSnapshots(runtime, recording);
        this.jmx = settings.jmx() ? new MonitorBeans(this::recentSnapshot, TICKER) : null;
        this.nextSample = recording.now() + settings.interval().toNanos();
    }

    /** Schedules the MBeans' registration ({@link MonitorBeans}) and starts the periodic samples. */
    void start() {
        if (jmx != null) {
            jmx.start();
        }
        if (settings.enabled()) {
            WeakReference<RuntimeMonitor> self = new WeakReference<>(this);
            long period = settings.interval().toMillis();
            ScheduledFuture<?>[] holder = new ScheduledFuture<?>[1];
            synchronized (this) {
                holder[0] = TICKER.scheduleAtFixedRate(() -> {
                    RuntimeMonitor m = self.get();
                    if (m == null) {
                        holder[0].cancel(false); // a runtime dropped without close()
                    } else {
                        m.tick();
                    }
                }, period, period, TimeUnit.MILLISECONDS);
                task = holder[0];
            }
        }
    }

    /** @param operation an operation that has counters now: gets its MBean */
    void operationSeen(String operation) {
        if (jmx != null) {
            jmx.operationSeen(operation);
        }
    }

    /** Takes the history samples that are due and checks the thresholds; never throws. */
    void tick() {
        if (!settings.enabled()) {
            return;
        }
        try {
            reportSampledHits();
            Map<String, MonitorSnapshot.MemoryFill> memory = snapshots.memoryByOperation();
            sampleIfDue(memory);
            checkAlerts(memory);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RuntimeMonitor.class).debug("cacheweave: monitor tick failed", e);
        }
    }

    private synchronized void sampleIfDue(Map<String, MonitorSnapshot.MemoryFill> memory) {
        long now = recording.now();
        long interval = settings.interval().toNanos();
        if (now - (nextSample - interval / SAMPLE_EARLY_DIVISOR) < 0) {
            return;
        }
        // Samples stay on a grid of whole intervals from the start, whichever of the ticker and a snapshot takes
        // them: moving the next one to "now + interval" let a tick that came a hair before it wait a whole
        // interval more, so intervals of 10 s and 20 s alternated and per-interval charts jumped.
        nextSample += Math.max(1, (now - nextSample) / interval + 1) * interval;
        Instant at = recording.instant(now);
        for (Map.Entry<String, OperationCounters> e : runtime.allCounters().entrySet()) {
            OperationCounters c = e.getValue();
            LatencyWindow get = c.detail() == null ? null : c.detail().getWindow(sharedTierName());
            history.sample(at, c.snapshot(), get == null ? MonitorSnapshot.Latency.NONE : get.previousSlot(now),
                    Savings.meanLoadNanos(c, now), memory.getOrDefault(e.getKey(), MonitorSnapshot.MemoryFill.NONE));
        }
    }

    private void reportSampledHits() {
        for (MonitoredCache c : runtime.monitoredCaches()) {
            c.reportSampledHits();
        }
    }

    private String sharedTierName() {
        SharedTierAccess shared = runtime.sharedTier();
        return shared == null ? "" : shared.tierName();
    }

    private void checkAlerts(Map<String, MonitorSnapshot.MemoryFill> memory) {
        Instant now = recording.instant(recording.now());
        long total = MonitorSnapshot.MemoryFill.total(memory.values()).bytes();
        alerts.check("memory", "WARNING", "", total >= settings.memoryWarningBytes(), () -> String.format(
                Locale.ROOT, "the memory tiers hold an estimated %d bytes, at least the warning threshold of %d "
                + "(cacheweave.monitor.alert.memory-warning)", total, settings.memoryWarningBytes()), now);
        alerts.check("memory", "CRITICAL", "", total >= settings.memoryCriticalBytes(), () -> String.format(
                Locale.ROOT, "the memory tiers hold an estimated %d bytes, at least the critical threshold of %d "
                + "(cacheweave.monitor.alert.memory-critical)", total, settings.memoryCriticalBytes()), now);
        long slow = settings.slowLoad().toNanos();
        for (Map.Entry<String, OperationCounters> e : runtime.allCounters().entrySet()) {
            if (e.getValue().detail() == null) {
                continue;
            }
            double mean = e.getValue().detail().loads().mean(recording.now());
            boolean supporting = runtime.supports(e.getKey()) != null; // a library's cache: not the user's to tune
            alerts.check("slow-operation", "WARNING", e.getKey(), !supporting && mean > slow, () -> "mean load time "
                    + Duration.ofNanos((long) mean) + " over the last " + recording.window() + " is above "
                    + settings.slowLoad() + " (cacheweave.monitor.alert.slow-load)", now);
        }
        long perMinute = recording.invalidationsLastMinute();
        alerts.check("invalidation-rate", "WARNING", "", perMinute > settings.invalidationsPerMinute(),
                () -> perMinute + " invalidations in the last minute, more than "
                        + settings.invalidationsPerMinute() + " (cacheweave.monitor.alert.invalidations-per-minute)",
                now);
    }

    @Override
    public MonitorSnapshot snapshot() {
        long now = recording.now();
        Map<String, MonitorSnapshot.MemoryFill> memory = snapshots.memoryByOperation();
        if (settings.enabled()) {
            reportSampledHits();
            sampleIfDue(memory);
            checkAlerts(memory);
        }
        List<MonitorSnapshot.Operation> operations = snapshots.operations(now, memory);
        List<MonitorSnapshot.TierHealth> tiers = snapshots.tiers();
        MonitorSnapshot.MemoryFill fill = MonitorSnapshot.MemoryFill.total(memory.values());
        long total = fill.bytes();
        Instant at = recording.instant(now);
        MonitorSnapshot snapshot = new MonitorSnapshot(at, settings.retention(), operations, tiers,
                snapshots.redis(), settings.enabled() ? snapshots.topKeys(settings.topKeys()) : List.of(), total,
                settings.enabled() ? alerts.active() : List.of(),
                Recommendations.of(operations, tiers, total, settings.memoryWarningBytes()),
                settings.enabled() ? history.points(at) : List.of(), Savings.total(operations), fill, usageSaved());
        synchronized (this) {
            cached = snapshot;
            cachedAt = System.nanoTime();
        }
        return snapshot;
    }

    /** @return a snapshot at most a second old, for JMX attribute reads (one snapshot serves a whole refresh) */
    MonitorSnapshot recentSnapshot() {
        synchronized (this) {
            if (cached != null && System.nanoTime() - cachedAt < JMX_SNAPSHOT_MAX_AGE_NANOS) {
                return cached;
            }
        }
        return snapshot();
    }

    @Override
    public String snapshotJson() {
        return MonitorJson.write(snapshot());
    }

    @Override
    public void addObserver(CacheObserver observer) {
        recording.observers().add(Objects.requireNonNull(observer, "observer must not be null"));
    }

    @Override
    public void removeObserver(CacheObserver observer) {
        recording.observers().remove(observer);
    }

    @Override
    public void addUsageSavings(UsageSavings savings) {
        usageSavings.add(Objects.requireNonNull(savings, "usage savings must not be null"));
    }

    @Override
    public void removeUsageSavings(UsageSavings savings) {
        usageSavings.remove(savings);
    }

    /** @return the rows of every registered source, summed per cache and source, in the order they first appear */
    private List<MonitorSnapshot.UsageSaved> usageSaved() {
        Map<List<String>, MonitorSnapshot.UsageSaved> rows = new LinkedHashMap<>();
        for (UsageSavings source : usageSavings) {
            try {
                for (MonitorSnapshot.UsageSaved row : source.usageSaved()) {
                    rows.merge(List.of(String.valueOf(row.operation()), String.valueOf(row.source())), row,
                            MonitorSnapshot.UsageSaved::plus);
                }
            } catch (RuntimeException e) {
                if (!usageFailureLogged) {
                    usageFailureLogged = true;
                    org.slf4j.LoggerFactory.getLogger(RuntimeMonitor.class).warn("cacheweave: usage savings {} failed;"
                            + " its rows are left out of the snapshot (logged once)", source, e);
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** Stops the periodic samples and unregisters the MBeans. */
    @Override
    public void close() {
        synchronized (this) {
            if (task != null) {
                task.cancel(false);
            }
        }
        if (jmx != null) {
            jmx.close();
        }
    }

    /** Registers the MBeans now instead of in the background, for tests that read them at once. */
    void registerBeansNow() {
        if (jmx != null) {
            jmx.registerNow();
        }
    }

    /** @return the samples held, for tests of the bound */
    int historySize() {
        return history.size();
    }
}
