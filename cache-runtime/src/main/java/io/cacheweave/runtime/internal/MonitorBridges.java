package io.cacheweave.runtime.internal;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.stats.http.StatsPage;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The bridges of the process-wide runtime's monitor that the settings ask for: the Micrometer bridge (when Micrometer
 * is on the class path and {@code cacheweave.micrometer.enabled}), the OpenTelemetry bridge (when the API is on the
 * class path and {@code cacheweave.otel.enabled}) and the stats page ({@code cacheweave.stats.http.enabled}).
 *
 * <p>The bridges are reached by reflection only after their library was found, so no Micrometer or OpenTelemetry
 * class is loaded when the application does not have them. Nothing here throws: a bridge that cannot start is logged
 * and left off.
 */
public final class MonitorBridges implements AutoCloseable {
    /** Faces of nothing. */
    public static final MonitorBridges NONE = new MonitorBridges(List.of(), List.of(), null);

    static final String MICROMETER_PROBE = "io.micrometer.core.instrument.Metrics";
    static final String OTEL_PROBE = "io.opentelemetry.api.GlobalOpenTelemetry";
    private static final String MICROMETER_BRIDGE = "io.cacheweave.runtime.stats.micrometer.CacheMonitorMetrics";
    private static final String OTEL_BRIDGE = "io.cacheweave.runtime.stats.otel.CacheMonitorTelemetry";

    private static final Logger LOG = LazyLogger.of(MonitorBridges.class);
    private static final AtomicBoolean MONITOR_MISSING_LOGGED = new AtomicBoolean();

    private final List<String> names;
    private final List<AutoCloseable> running;
    private final StatsPage page;

    private MonitorBridges(List<String> names, List<AutoCloseable> running, StatsPage page) {
        this.names = List.copyOf(names);
        this.running = List.copyOf(running);
        this.page = page;
    }

    /**
     * Starts what the settings ask for. Never throws.
     *
     * @param settings the runtime's settings
     * @param monitor the runtime's monitor; asked only if some bridge is wanted
     * @return the bridges started, {@link #NONE} when none
     */
    public static MonitorBridges start(Settings settings, Supplier<CacheMonitor> monitor) {
        ClassLoader loader = MonitorBridges.class.getClassLoader();
        boolean micrometer = settings.telemetry().micrometerEnabled() && present(MICROMETER_PROBE, loader);
        boolean otel = settings.telemetry().otelEnabled() && present(OTEL_PROBE, loader);
        boolean http = settings.statsPage().enabled();
        if (!micrometer && !otel && !http) {
            return NONE;
        }
        CacheMonitor m;
        try {
            m = monitor.get();
        } catch (RuntimeException e) {
            if (http) {
                LOG.warn("cacheweave: the stats page is off: the monitor is not available ({})", e.toString());
            } else if (MONITOR_MISSING_LOGGED.compareAndSet(false, true)) {
                LOG.info("cacheweave: the monitor is not available ({}); no Micrometer or OpenTelemetry bridge",
                        e.toString());
            }
            return NONE;
        }
        List<String> names = new ArrayList<>();
        List<AutoCloseable> running = new ArrayList<>();
        if (micrometer) {
            bridge("Micrometer", MICROMETER_BRIDGE, loader, m, names, running);
        }
        if (otel) {
            bridge("OpenTelemetry", OTEL_BRIDGE, loader, m, names, running);
        }
        StatsPage page = null;
        if (http) {
            page = statsPage(settings, m);
            if (page != null) {
                names.add("stats page");
                running.add(page);
            }
        }
        return names.isEmpty() ? NONE : new MonitorBridges(names, running, page);
    }

    /** @return the names of the bridges running: {@code Micrometer}, {@code OpenTelemetry}, {@code stats page} */
    public List<String> names() {
        return names;
    }

    /** @return the stats page's address, if it runs */
    public Optional<URI> statsPage() {
        return page == null ? Optional.empty() : Optional.of(page.uri());
    }

    /** Stops every bridge: meters removed, observers and instruments unregistered, the page closed. */
    @Override
    public void close() {
        for (AutoCloseable bridge : running) {
            try {
                bridge.close();
            } catch (Exception | LinkageError e) {
                LOG.debug("cacheweave: closing {} failed", bridge, e);
            }
        }
    }

    static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void bridge(String name, String bridgeClass, ClassLoader loader, CacheMonitor monitor,
            List<String> names, List<AutoCloseable> running) {
        try {
            Object bridge = Class.forName(bridgeClass, true, loader).getMethod("bindGlobal", CacheMonitor.class)
                    .invoke(null, monitor);
            running.add((AutoCloseable) bridge);
            names.add(name);
            LOG.debug("cacheweave: {} bridge bound", name);
        } catch (InvocationTargetException e) {
            LOG.warn("cacheweave: the {} bridge could not start; it stays off", name, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("cacheweave: the {} bridge could not start; it stays off", name, e);
        }
    }

    private static StatsPage statsPage(Settings settings, CacheMonitor monitor) {
        try {
            StatsPage page = StatsPage.start(monitor, settings.statsPage().bind(), settings.statsPage().port(),
                    settings.statsPage().refresh());
            LOG.info("cacheweave: stats page at {}", page.uri());
            return page;
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            LOG.warn("cacheweave: the stats page could not start on {}:{} ({}); set cacheweave.stats.http.port to a "
                    + "free port, or 0 for any", settings.statsPage().bind(), settings.statsPage().port(),
                    e.toString());
            return null;
        }
    }
}
