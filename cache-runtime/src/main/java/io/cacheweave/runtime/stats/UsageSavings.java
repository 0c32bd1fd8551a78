package io.cacheweave.runtime.stats;

import java.util.List;

/**
 * A source of {@link MonitorSnapshot.UsageSaved} rows: a face that knows what its hits saved at the source that would
 * otherwise have produced the answers (the chat caches of {@code cacheweave-llm} count tokens and their price per
 * model), registered with {@link CacheMonitor#addUsageSavings}. The monitor asks it at every snapshot, so the rows go
 * wherever the snapshot goes: its JSON, the stats page, the Spring Boot Actuator endpoint.
 *
 * <p>Called on the snapshot's thread; keep it quick (read counters, no I/O). An exception is logged once and its rows
 * are left out of that snapshot.
 */
@FunctionalInterface
public interface UsageSavings {

    /** @return the rows now, one per cache and source */
    List<MonitorSnapshot.UsageSaved> usageSaved();
}
