package io.cacheweave.runtime.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link MonitorSnapshot} flattened into the values of {@link CacheMeter}s: what the Micrometer and OpenTelemetry
 * bridges publish, so both publish the same numbers under the same names.
 */
public final class CacheMeasurements {
    private static final String[] QUANTILES = {"0.5", "0.95", "0.99", "1.0"};

    private CacheMeasurements() {
    }

    /**
     * One value of one meter.
     *
     * @param meter the meter
     * @param tags the tag values, in the order of {@link CacheMeter#tagKeys()}
     * @param value the value: a count, nanoseconds or bytes as the meter's unit says
     */
    public record Measurement(CacheMeter meter, List<String> tags, double value) {
        /** @return the meter and tags, which identify a time series */
        public Key key() {
            return new Key(meter, tags);
        }
    }

    /**
     * What identifies one time series.
     *
     * @param meter the meter
     * @param tags the tag values, in the order of {@link CacheMeter#tagKeys()}
     */
    public record Key(CacheMeter meter, List<String> tags) {
        /** @param meter the meter @param tags its tag values, as many as it has tag keys */
        public Key {
            Objects.requireNonNull(meter, "meter must not be null");
            tags = List.copyOf(tags);
            if (tags.size() != meter.tagKeys().size()) {
                throw new IllegalArgumentException("tags of " + meter.meterName() + " must be " + meter.tagKeys()
                        + ": " + tags);
            }
        }
    }

    /**
     * @param snapshot a snapshot of the monitor
     * @return every meter's values in it: per operation, per tier, per shared tier and for the whole runtime
     */
    public static List<Measurement> of(MonitorSnapshot snapshot) {
        List<Measurement> out = new ArrayList<>();
        for (MonitorSnapshot.Operation o : nonNull(snapshot.operations())) {
            operation(o, out);
        }
        for (MonitorSnapshot.TierHealth t : nonNull(snapshot.tiers())) {
            add(out, CacheMeter.BREAKER_STATE, breakerCode(t.breakerState()), t.tier());
            add(out, CacheMeter.SHARED_ERRORS, t.errors(), t.tier(), "error");
            add(out, CacheMeter.SHARED_ERRORS, t.timeouts(), t.tier(), "timeout");
            add(out, CacheMeter.SHARED_ERRORS, t.skipped(), t.tier(), "skipped");
        }
        long warnings = 0;
        long critical = 0;
        for (MonitorSnapshot.Alert a : nonNull(snapshot.alerts())) {
            if ("CRITICAL".equalsIgnoreCase(a.level())) {
                critical++;
            } else {
                warnings++;
            }
        }
        add(out, CacheMeter.ALERTS, warnings, "WARNING");
        add(out, CacheMeter.ALERTS, critical, "CRITICAL");
        add(out, CacheMeter.OPERATIONS, nonNull(snapshot.operations()).size());
        return out;
    }

    private static void operation(MonitorSnapshot.Operation o, List<Measurement> out) {
        String op = o.operation();
        String internal = String.valueOf(o.supporting()); // the last tag of each meter of an operation
        OperationStats c = o.counters();
        if (c != null) {
            add(out, CacheMeter.GETS, c.hits(), op, "hit", internal);
            add(out, CacheMeter.GETS, c.misses(), op, "miss", internal);
            add(out, CacheMeter.PUTS, c.loads(), op, internal);
            add(out, CacheMeter.EVICTIONS, c.evictions(), op, internal);
            add(out, CacheMeter.EXPIRATIONS, c.expirations(), op, internal);
            add(out, CacheMeter.INVALIDATIONS, c.invalidations(), op, internal);
            add(out, CacheMeter.LOADS, c.loads(), op, "success", internal);
            add(out, CacheMeter.LOADS, c.loadFailures(), op, "failure", internal);
            add(out, CacheMeter.LOAD_DURATION, c.loadNanos(), op, internal);
            add(out, CacheMeter.WAITS, c.singleFlightWaits(), op, "single-flight", internal);
            add(out, CacheMeter.WAITS, c.leaseWaits(), op, "lease", internal);
        }
        for (MonitorSnapshot.Tier t : nonNull(o.tiers())) {
            add(out, CacheMeter.TIER_GETS, t.hits(), op, t.tier(), "hit", internal);
            add(out, CacheMeter.TIER_GETS, t.misses(), op, t.tier(), "miss", internal);
            latency(out, CacheMeter.TIER_GET_LATENCY, t.get(), op, t.tier(), internal);
            latency(out, CacheMeter.TIER_PUT_LATENCY, t.put(), op, t.tier(), internal);
            add(out, CacheMeter.TIER_ERRORS, t.errors(), op, t.tier(), "error", internal);
            add(out, CacheMeter.TIER_ERRORS, t.timeouts(), op, t.tier(), "timeout", internal);
        }
        add(out, CacheMeter.MEMORY_USED, o.memoryBytes(), op, internal);
        MonitorSnapshot.MemoryFill memory = o.memory();
        if (memory != null) {
            add(out, CacheMeter.SIZE, memory.entries(), op, internal);
            add(out, CacheMeter.SIZE_MAX, memory.maxEntries(), op, internal);
            if (memory.maxBytes() != null) {
                add(out, CacheMeter.MEMORY_MAX, memory.maxBytes(), op, internal);
            }
        }
        MonitorSnapshot.Saved saved = o.saved();
        if (saved != null) {
            add(out, CacheMeter.SAVED_CALLS, saved.calls(), op, internal);
            add(out, CacheMeter.SAVED_TIME, saved.estimatedNanos(), op, internal);
        }
        for (MonitorSnapshot.SizeTier v : nonNull(o.values())) {
            add(out, CacheMeter.VALUE_BYTES, v.rawBytes(), op, v.sizeTier(), "raw", internal);
            add(out, CacheMeter.VALUE_BYTES, v.storedBytes(), op, v.sizeTier(), "stored", internal);
        }
    }

    private static void latency(List<Measurement> out, CacheMeter meter, MonitorSnapshot.Latency l, String op,
            String tier, String internal) {
        MonitorSnapshot.Latency latency = l == null ? MonitorSnapshot.Latency.NONE : l;
        long[] values = {latency.p50(), latency.p95(), latency.p99(), latency.max()};
        for (int i = 0; i < QUANTILES.length; i++) {
            add(out, meter, values[i], op, tier, QUANTILES[i], internal);
        }
    }

    /** @return 0 closed, 1 half-open, 2 open; -1 for a state this version does not know */
    static int breakerCode(String state) {
        return switch (state == null ? "" : state.toUpperCase(Locale.ROOT)) {
            case "CLOSED" -> 0;
            case "HALF_OPEN" -> 1;
            case "OPEN" -> 2;
            default -> -1;
        };
    }

    private static void add(List<Measurement> out, CacheMeter meter, double value, String... tags) {
        out.add(new Measurement(meter, List.of(tags), value));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
