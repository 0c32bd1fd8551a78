package io.cacheweave.spring.actuate;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.stats.micrometer.CacheMonitorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Binds the runtime's monitor to each of the application's meter registries (Spring Boot binds every
 * {@link MeterBinder} bean), so {@code /actuator/metrics} lists {@code cache.gets}, {@code cache.puts}, ... with the
 * tag {@code cache=<name>} per cache; removes the meters when the context closes. Off with
 * {@code cacheweave.micrometer.enabled=false}.
 */
public class CacheweaveMeterBinder implements MeterBinder, AutoCloseable {
    private final CacheRuntime runtime;
    private final boolean enabled;
    private final List<CacheMonitorMetrics> bound = new CopyOnWriteArrayList<>();

    /**
     * @param runtime the application's runtime
     * @param enabled whether to bind at all
     */
    public CacheweaveMeterBinder(CacheRuntime runtime, boolean enabled) {
        this.runtime = runtime;
        this.enabled = enabled;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (enabled) {
            bound.add(CacheMonitorMetrics.monitor(registry, runtime.monitor()));
        }
    }

    @Override
    public void close() {
        bound.forEach(CacheMonitorMetrics::close);
        bound.clear();
    }
}
