package io.cacheweave.runtime.stats;

import java.util.List;

/**
 * The meters the Micrometer and OpenTelemetry bridges publish, each read from a {@link MonitorSnapshot} (see
 * {@link CacheMeasurements#of(MonitorSnapshot)}). Names and tags follow Micrometer's cache binders: {@code cache.gets}
 * with {@code result=hit|miss}, {@code cache.puts}, {@code cache.evictions}, {@code cache.load} with
 * {@code result=success|failure}, {@code cache.load.duration}, all tagged {@code cache=<operation>}; meters of one
 * tier carry {@code tier=memory|redis|file} too. Every meter tagged {@code cache} also carries {@code internal}:
 * {@code true} for an internal (supporting) cache of a library ({@link MonitorSnapshot.Operation#supports()}),
 * {@code false} for the application's own operations, so a dashboard can leave them out or show them apart.
 *
 * <p>In OpenTelemetry a tag becomes the attribute {@code cache.<tag>}, except {@code cache}, which becomes
 * {@code cache.operation}; times are reported in seconds there, in nanoseconds here.
 */
public enum CacheMeter {

    /** Calls answered from the cache ({@code result=hit}, by any tier) or not ({@code result=miss}). */
    GETS("cache.gets", Kind.COUNTER, Unit.NONE, "calls answered from the cache (hit) or not (miss)", "cache", "result"),
    /** Results stored in the cache after a load. */
    PUTS("cache.puts", Kind.COUNTER, Unit.NONE, "results stored in the cache after a load", "cache"),
    /** Entries removed to stay within the memory tier's size bound. */
    EVICTIONS("cache.evictions", Kind.COUNTER, Unit.NONE, "entries removed to stay within the size bound", "cache"),
    /** Entries removed because their time to live ran out. */
    EXPIRATIONS("cache.expirations", Kind.COUNTER, Unit.NONE, "entries whose time to live ran out", "cache"),
    /** Invalidation requests that reached the operation. */
    INVALIDATIONS("cache.invalidations", Kind.COUNTER, Unit.NONE, "invalidation requests", "cache"),
    /** Method runs that returned ({@code result=success}) or threw ({@code result=failure}). */
    LOADS("cache.load", Kind.COUNTER, Unit.NONE, "method runs that returned (success) or threw (failure)", "cache",
            "result"),
    /** Total time spent in loads. */
    LOAD_DURATION("cache.load.duration", Kind.COUNTER, Unit.NANOSECONDS, "total time spent loading", "cache"),
    /** Calls that waited for another caller's load ({@code kind=single-flight}) or another node's ({@code lease}). */
    WAITS("cache.waits", Kind.COUNTER, Unit.NONE, "calls that waited for another load", "cache", "kind"),
    /** Lookups in one tier that found ({@code hit}) or did not find ({@code miss}) a usable value. */
    TIER_GETS("cache.tier.gets", Kind.COUNTER, Unit.NONE, "lookups in one tier", "cache", "tier", "result"),
    /** Lookup latency in one tier over the sliding window, {@code quantile=0.5|0.95|0.99|1.0} (1.0 is the maximum). */
    TIER_GET_LATENCY("cache.tier.get.latency", Kind.GAUGE, Unit.NANOSECONDS, "lookup latency over the sliding window",
            "cache", "tier", "quantile"),
    /** Write latency in one tier over the sliding window, quantiles as for {@link #TIER_GET_LATENCY}. */
    TIER_PUT_LATENCY("cache.tier.put.latency", Kind.GAUGE, Unit.NANOSECONDS, "write latency over the sliding window",
            "cache", "tier", "quantile"),
    /** Failed calls to one tier: {@code kind=error|timeout}. */
    TIER_ERRORS("cache.tier.errors", Kind.COUNTER, Unit.NONE, "failed calls to one tier", "cache", "tier", "kind"),
    /** Estimated bytes held by the operation's memory tier. */
    MEMORY_USED("cache.memory.used", Kind.GAUGE, Unit.BYTES, "estimated bytes held in memory", "cache"),
    /** The byte bound of the operation's memory tier; absent while it has none. */
    MEMORY_MAX("cache.memory.max", Kind.GAUGE, Unit.BYTES, "byte bound of the memory tier", "cache"),
    /** Entries held by the operation's memory tier (as Micrometer's Caffeine binder names it). */
    SIZE("cache.size", Kind.GAUGE, Unit.NONE, "entries in the memory tier", "cache"),
    /** The entry bound of the operation's memory tier. */
    SIZE_MAX("cache.size.max", Kind.GAUGE, Unit.NONE, "entry bound of the memory tier", "cache"),
    /** Calls answered from the cache without running the method (the same count as {@code cache.gets} hits). */
    SAVED_CALLS("cache.saved.calls", Kind.COUNTER, Unit.NONE, "calls answered without running the method",
            "cache"),
    /**
     * Estimated method time saved: the operation's hits times its mean load time (over the latency window, else
     * since the start). A gauge: it is revalued when the mean load time changes.
     */
    SAVED_TIME("cache.saved.time", Kind.GAUGE, Unit.NANOSECONDS,
            "estimated method time saved: hits times the mean load time", "cache"),
    /** Bytes of encoded values, before ({@code form=raw}) and after ({@code form=stored}) compression, per size. */
    VALUE_BYTES("cache.value.bytes", Kind.COUNTER, Unit.BYTES, "bytes of encoded values before and after compression",
            "cache", "size", "form"),
    /** The circuit breaker of a shared tier: 0 closed, 1 half-open, 2 open. */
    BREAKER_STATE("cache.breaker.state", Kind.GAUGE, Unit.NONE, "circuit breaker: 0 closed, 1 half-open, 2 open",
            "tier"),
    /** Calls to a shared tier that failed ({@code kind=error|timeout}) or were skipped by an open breaker. */
    SHARED_ERRORS("cache.shared.errors", Kind.COUNTER, Unit.NONE, "failed or skipped calls to a shared tier", "tier",
            "kind"),
    /** Alerts in force, {@code level=WARNING|CRITICAL}. */
    ALERTS("cache.alerts", Kind.GAUGE, Unit.NONE, "alerts in force", "level"),
    /** Operations the monitor knows. */
    OPERATIONS("cache.operations", Kind.GAUGE, Unit.NONE, "operations the monitor knows");

    /** Whether a meter only grows (a count or total) or goes up and down. */
    public enum Kind {
        /** Only grows while the runtime lives. */
        COUNTER,
        /** A value at one moment. */
        GAUGE
    }

    /** The unit of a meter's values. */
    public enum Unit {
        /** A count or a ratio. */
        NONE,
        /** Nanoseconds (seconds in OpenTelemetry). */
        NANOSECONDS,
        /** Bytes. */
        BYTES
    }

    /** The tag, last on every meter of an operation, that tells a supporting cache ({@code true}) from the rest. */
    public static final String INTERNAL_TAG = "internal";

    private final String meterName;
    private final Kind kind;
    private final Unit unit;
    private final String description;
    private final List<String> tagKeys;

    CacheMeter(String meterName, Kind kind, Unit unit, String description, String... tagKeys) {
        this.meterName = meterName;
        this.kind = kind;
        this.unit = unit;
        this.description = description;
        List<String> keys = List.of(tagKeys);
        if (!keys.isEmpty() && keys.get(0).equals("cache")) { // an operation's meter: marked internal or not
            keys = java.util.stream.Stream.concat(keys.stream(), java.util.stream.Stream.of(INTERNAL_TAG)).toList();
        }
        this.tagKeys = keys;
    }

    /** @return the meter's name, such as {@code cache.gets} */
    public String meterName() {
        return meterName;
    }

    /** @return counter or gauge */
    public Kind kind() {
        return kind;
    }

    /** @return the unit of its values */
    public Unit unit() {
        return unit;
    }

    /** @return one line on what it counts */
    public String description() {
        return description;
    }

    /** @return the keys of its tags, in the order of {@link CacheMeasurements.Measurement#tags()} */
    public List<String> tagKeys() {
        return tagKeys;
    }
}
