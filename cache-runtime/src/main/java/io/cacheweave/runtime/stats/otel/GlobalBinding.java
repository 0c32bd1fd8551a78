package io.cacheweave.runtime.stats.otel;

import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.stats.CacheObserver;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * {@link CacheMonitorTelemetry} over {@code GlobalOpenTelemetry}, created once the global is set: at once, or at the
 * first event after. Until then it listens to the monitor and asks {@code GlobalOpenTelemetry.isSet()} per event
 * (loads and shared-tier lookups, never memory hits).
 */
final class GlobalBinding implements CacheObserver, AutoCloseable {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(GlobalBinding.class);

    private final CacheMonitor monitor;
    private final BooleanSupplier isSet;
    private final Supplier<OpenTelemetry> global;
    private volatile CacheMonitorTelemetry telemetry;
    private volatile boolean closed;

    GlobalBinding(CacheMonitor monitor) {
        this(monitor, GlobalOpenTelemetry::isSet, GlobalOpenTelemetry::get);
    }

    GlobalBinding(CacheMonitor monitor, BooleanSupplier isSet, Supplier<OpenTelemetry> global) {
        this.monitor = monitor;
        this.isSet = isSet;
        this.global = global;
        if (!bindIfSet()) {
            monitor.addObserver(this);
            bindIfSet(); // set between the first look and the registration
        }
    }

    /** @return the telemetry once bound, else {@code null} */
    CacheMonitorTelemetry telemetry() {
        return telemetry;
    }

    private synchronized boolean bindIfSet() {
        if (telemetry != null) {
            return true;
        }
        if (closed || !isSet.getAsBoolean()) {
            return false;
        }
        telemetry = CacheMonitorTelemetry.create(global.get(), monitor);
        monitor.removeObserver(this);
        LOG.info("cacheweave: reporting spans and metrics through GlobalOpenTelemetry");
        return true;
    }

    private void forward(Consumer<CacheObserver> event) {
        if (telemetry == null && bindIfSet()) {
            event.accept(telemetry.observer()); // registered after this event was dispatched
        }
    }

    @Override
    public void onSharedGet(String operation, String tier, boolean hit, long startEpochNanos, long nanos) {
        forward(o -> o.onSharedGet(operation, tier, hit, startEpochNanos, nanos));
    }

    @Override
    public void onSharedGet(String operation, String tier, String logicalKey, boolean hit, long startEpochNanos,
            long nanos, Throwable failure) {
        forward(o -> o.onSharedGet(operation, tier, logicalKey, hit, startEpochNanos, nanos, failure));
    }

    @Override
    public void onMemoryHit(String operation, String logicalKey) {
        forward(o -> o.onMemoryHit(operation, logicalKey));
    }

    @Override
    public void onInvalidation(String operation, String target, String context, long keysRemoved) {
        forward(o -> o.onInvalidation(operation, target, context, keysRemoved));
    }

    @Override
    public void onLoad(String operation, long startEpochNanos, long nanos, Throwable failure) {
        forward(o -> o.onLoad(operation, startEpochNanos, nanos, failure));
    }

    @Override
    public synchronized void close() {
        closed = true;
        monitor.removeObserver(this);
        if (telemetry != null) {
            telemetry.close();
        }
    }
}
