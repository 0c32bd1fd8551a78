package io.cacheweave.runtime.stats.micrometer;

import io.cacheweave.runtime.internal.SnapshotCache;
import io.cacheweave.runtime.stats.CacheMeasurements;
import io.cacheweave.runtime.stats.CacheMeter;
import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.stats.CacheObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Publishes a {@link CacheMonitor} as Micrometer meters: every {@link CacheMeter}, with its tags, as a function
 * counter, gauge or time gauge that reads the monitor's snapshots, plus a {@code cache.load.latency} timer (tags
 * {@code cache}, {@code result=success|failure}) fed by every load as it finishes.
 *
 * <pre>{@code
 * CacheMonitorMetrics metrics = CacheMonitorMetrics.monitor(registry, runtime.monitor());
 * ...
 * metrics.close(); // removes the meters again
 * }</pre>
 *
 * <p>A snapshot is reused for {@code snapshotMaxAge} (one second by default), so a scrape of every meter builds one
 * snapshot. The meters of an operation or tier that appears later are registered when the first scrape after it
 * reads the snapshot (the {@code cache.operations} gauge is always there to read), so they show from the next scrape
 * on. Micrometer itself is an optional dependency: only this package touches it.
 */
public final class CacheMonitorMetrics implements MeterBinder, AutoCloseable {
    /** The timer fed by every finished load. */
    public static final String LOAD_TIMER = "cache.load.latency";

    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(CacheMonitorMetrics.class);

    private final SnapshotCache snapshots;
    private final Tags tags;
    private final List<Binding> bindings = new CopyOnWriteArrayList<>();
    private final CacheObserver observer = new LoadObserver();
    private volatile SnapshotCache.Readings lastRegistered;
    private volatile boolean closed;

    /** @param monitor the monitor to publish, with no extra tags and the default snapshot age */
    public CacheMonitorMetrics(CacheMonitor monitor) {
        this(monitor, Tags.empty(), SnapshotCache.DEFAULT_MAX_AGE);
    }

    /**
     * @param monitor the monitor to publish
     * @param tags tags added to every meter
     * @param snapshotMaxAge how long one snapshot answers every meter; zero for a new snapshot per reading
     */
    public CacheMonitorMetrics(CacheMonitor monitor, Iterable<Tag> tags, Duration snapshotMaxAge) {
        this(monitor, tags, snapshotMaxAge, System::nanoTime);
    }

    CacheMonitorMetrics(CacheMonitor monitor, Iterable<Tag> tags, Duration snapshotMaxAge, LongSupplier nanoTime) {
        this.snapshots = new SnapshotCache(monitor, Objects.requireNonNull(snapshotMaxAge,
                "snapshotMaxAge must not be null"), nanoTime);
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags must not be null"));
    }

    /**
     * Binds a monitor to a registry.
     *
     * @param registry where the meters go
     * @param monitor the monitor to publish
     * @param tags tags added to every meter, as key/value pairs
     * @return the binder, whose {@link #close()} removes the meters
     */
    public static CacheMonitorMetrics monitor(MeterRegistry registry, CacheMonitor monitor, String... tags) {
        CacheMonitorMetrics metrics = new CacheMonitorMetrics(monitor, Tags.of(tags), SnapshotCache.DEFAULT_MAX_AGE);
        metrics.bindTo(registry);
        return metrics;
    }

    /**
     * Binds a monitor to {@link Metrics#globalRegistry}; what the runtime does when Micrometer is present and
     * {@code cacheweave.micrometer.enabled} is on. Only the {@code cache.operations} gauge is registered at once,
     * without taking a snapshot; the first scrape takes one and registers the other meters.
     *
     * @param monitor the monitor to publish
     * @return the binder, whose {@link #close()} removes the meters
     */
    public static CacheMonitorMetrics bindGlobal(CacheMonitor monitor) {
        CacheMonitorMetrics metrics = new CacheMonitorMetrics(monitor);
        metrics.bind(Metrics.globalRegistry, false); // no snapshot while the runtime starts: the first scrape reads one
        return metrics;
    }

    /** Registers the meters of the monitor's current snapshot; those of operations seen later follow by scrapes. */
    @Override
    public void bindTo(MeterRegistry registry) {
        bind(registry, true);
    }

    private void bind(MeterRegistry registry, boolean readNow) {
        Objects.requireNonNull(registry, "registry must not be null");
        if (closed) {
            throw new IllegalStateException("metrics were closed: " + this);
        }
        Binding binding = new Binding(registry);
        if (bindings.isEmpty()) {
            snapshots.monitor().addObserver(observer);
        }
        bindings.add(binding);
        register(binding, new CacheMeasurements.Key(CacheMeter.OPERATIONS, List.of()));
        if (!readNow) {
            return;
        }
        try {
            registerNew(snapshots.read(), true);
        } catch (RuntimeException e) {
            LOG.warn("cacheweave: could not read the monitor for Micrometer; meters follow at the next scrape", e);
        }
    }

    /** Removes every meter this binder registered, from every registry, and stops listening to the monitor. */
    @Override
    public void close() {
        closed = true;
        snapshots.monitor().removeObserver(observer);
        for (Binding b : bindings) {
            for (Meter m : b.meters) {
                b.registry.remove(m);
            }
        }
        bindings.clear();
    }

    private double value(CacheMeasurements.Key key) {
        SnapshotCache.Readings readings;
        try {
            readings = snapshots.read();
        } catch (RuntimeException e) {
            LOG.debug("cacheweave: could not read the monitor for Micrometer", e);
            return Double.NaN;
        }
        registerNew(readings, false);
        Double v = readings.values().get(key);
        return v == null ? Double.NaN : v;
    }

    /** Registers the meters of keys not seen before, once per new snapshot. */
    private void registerNew(SnapshotCache.Readings readings, boolean force) {
        if (closed || (!force && readings == lastRegistered)) {
            return;
        }
        synchronized (this) {
            for (Binding b : bindings) {
                for (CacheMeasurements.Measurement m : readings.measurements()) {
                    register(b, m.key());
                }
            }
            lastRegistered = readings;
        }
    }

    private void register(Binding b, CacheMeasurements.Key key) {
        if (!b.keys.add(key)) {
            return;
        }
        CacheMeter meter = key.meter();
        Tags all = tags;
        for (int i = 0; i < key.tags().size(); i++) {
            all = all.and(meter.tagKeys().get(i), key.tags().get(i));
        }
        CacheMonitor obj = snapshots.monitor();
        Meter created;
        if (meter.unit() == CacheMeter.Unit.NANOSECONDS) {
            created = TimeGauge.builder(meter.meterName(), obj, TimeUnit.NANOSECONDS, m -> value(key)).tags(all)
                    .description(meter.description()).strongReference(true).register(b.registry);
        } else if (meter.kind() == CacheMeter.Kind.COUNTER) {
            created = FunctionCounter.builder(meter.meterName(), obj, m -> value(key)).tags(all)
                    .description(meter.description()).baseUnit(baseUnit(meter)).register(b.registry);
        } else {
            created = Gauge.builder(meter.meterName(), obj, m -> value(key)).tags(all)
                    .description(meter.description()).baseUnit(baseUnit(meter)).strongReference(true)
                    .register(b.registry);
        }
        b.meters.add(created);
    }

    private static String baseUnit(CacheMeter meter) {
        return meter.unit() == CacheMeter.Unit.BYTES ? BaseUnits.BYTES : null;
    }

    @Override
    public String toString() {
        return "CacheMonitorMetrics{registries=" + bindings.size() + ", tags=" + tags + "}";
    }

    /** One registry and what was registered in it. */
    private static final class Binding {
        final MeterRegistry registry;
        final Set<CacheMeasurements.Key> keys = ConcurrentHashMap.newKeySet();
        final Set<Meter> meters = ConcurrentHashMap.newKeySet();

        Binding(MeterRegistry registry) {
            this.registry = registry;
        }
    }

    /** Times every load into {@value #LOAD_TIMER}. */
    private final class LoadObserver implements CacheObserver {
        @Override
        public void onLoad(String operation, long startEpochNanos, long nanos, Throwable failure) {
            if (closed) {
                return;
            }
            String result = failure == null ? "success" : "failure";
            for (Binding b : bindings) {
                Timer timer = Timer.builder(LOAD_TIMER).tags(tags).tag("cache", operation).tag("result", result)
                        .description("time of each load").register(b.registry);
                b.meters.add(timer);
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public String toString() {
            return "micrometer load timer of " + CacheMonitorMetrics.this;
        }
    }
}
