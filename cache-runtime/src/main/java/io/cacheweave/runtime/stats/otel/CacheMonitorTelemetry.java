package io.cacheweave.runtime.stats.otel;

import io.cacheweave.runtime.internal.SnapshotCache;
import io.cacheweave.runtime.stats.CacheMeasurements;
import io.cacheweave.runtime.stats.CacheMeter;
import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.stats.CacheObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableMeasurement;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Reports a {@link CacheMonitor} through OpenTelemetry:
 *
 * <ul>
 *   <li>a span per load ({@value #LOAD_SPAN}) and per shared-tier lookup ({@value #GET_SPAN}), built from the
 *       monitor's {@link CacheObserver} events with their own start and end times, attributes
 *       {@code cache.operation}, {@code cache.tier}, {@code cache.hit} and {@code cache.key} (see
 *       {@link #keyAttribute}), and error status with the exception recorded when a load threw or a lookup failed
 *       (the lookup then counted as a miss);</li>
 *   <li>a span per invalidation applied on this node ({@value #INVALIDATE_SPAN}; no duration: the event comes once
 *       it is done), attributes {@code cache.operation} (when it reached one), {@code cache.pattern} (shown as
 *       {@code cache.key} is), {@code cache.context} and {@code cache.keys_removed};</li>
 *   <li>with {@code cacheweave.otel.memory-hit-spans} on, a {@value #GET_SPAN} span per memory-tier hit, with
 *       {@code cache.tier} {@code memory} (off by default: it renders the key on every hit);</li>
 *   <li>every {@link CacheMeter} as an observable instrument of the same name, all read from one snapshot per
 *       collection (one batch callback); tag {@code cache} becomes attribute {@code cache.operation}, any other tag
 *       {@code t} becomes {@code cache.t}; nanoseconds are reported as seconds ({@code s}), bytes as {@code By}.</li>
 * </ul>
 *
 * <p>The OpenTelemetry API is an optional dependency: only this package touches it.
 */
public final class CacheMonitorTelemetry implements AutoCloseable {
    /** Instrumentation scope of the tracer and the meter. */
    public static final String INSTRUMENTATION_NAME = "io.cacheweave";
    /** Name of the span of a load. */
    public static final String LOAD_SPAN = "cache.load";
    /** Name of the span of a shared-tier lookup. */
    public static final String GET_SPAN = "cache.get";

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("cache.operation");
    static final AttributeKey<String> TIER = AttributeKey.stringKey("cache.tier");
    static final AttributeKey<Boolean> HIT = AttributeKey.booleanKey("cache.hit");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("cache.key");
    static final AttributeKey<String> PATTERN = AttributeKey.stringKey("cache.pattern");
    static final AttributeKey<String> CONTEXT = AttributeKey.stringKey("cache.context");
    static final AttributeKey<Long> KEYS_REMOVED = AttributeKey.longKey("cache.keys_removed");
    /** Name of the span of an invalidation. */
    public static final String INVALIDATE_SPAN = "cache.invalidate";
    /** Keys (and patterns) up to this many characters are shown as they are in {@code cache.key}. */
    public static final int KEY_ATTRIBUTE_MAX = 64;

    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(CacheMonitorTelemetry.class);

    private final CacheMonitor monitor;
    private final Tracer tracer;
    private final SnapshotCache snapshots;
    private final CacheObserver observer = new SpanObserver();
    private final Map<CacheMeter, ObservableMeasurement> instruments = new EnumMap<>(CacheMeter.class);
    private final BatchCallback callback;

    private CacheMonitorTelemetry(OpenTelemetry otel, CacheMonitor monitor, Duration snapshotMaxAge,
            LongSupplier nanoTime) {
        this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
        Objects.requireNonNull(otel, "openTelemetry must not be null");
        this.tracer = otel.getTracer(INSTRUMENTATION_NAME);
        this.snapshots = new SnapshotCache(monitor, snapshotMaxAge, nanoTime);
        Meter meter = otel.getMeter(INSTRUMENTATION_NAME);
        for (CacheMeter m : CacheMeter.values()) {
            instruments.put(m, instrument(meter, m));
        }
        List<ObservableMeasurement> all = new ArrayList<>(instruments.values());
        this.callback = meter.batchCallback(this::observe, all.get(0),
                all.subList(1, all.size()).toArray(new ObservableMeasurement[0]));
        monitor.addObserver(observer);
    }

    /**
     * Starts reporting spans and metrics, reading snapshots at most once a second.
     *
     * @param openTelemetry where spans and metrics go
     * @param monitor the monitor to report
     * @return the bridge, whose {@link #close()} stops it
     */
    public static CacheMonitorTelemetry create(OpenTelemetry openTelemetry, CacheMonitor monitor) {
        return create(openTelemetry, monitor, SnapshotCache.DEFAULT_MAX_AGE);
    }

    /**
     * @param openTelemetry where spans and metrics go
     * @param monitor the monitor to report
     * @param snapshotMaxAge how long one snapshot answers every instrument; zero for one per collection
     * @return the bridge, whose {@link #close()} stops it
     */
    public static CacheMonitorTelemetry create(OpenTelemetry openTelemetry, CacheMonitor monitor,
            Duration snapshotMaxAge) {
        return new CacheMonitorTelemetry(openTelemetry, monitor, snapshotMaxAge, System::nanoTime);
    }

    /**
     * Reports through {@code GlobalOpenTelemetry}: at once if the application (or the OpenTelemetry Java agent) has
     * set it, else from the first cache event after it is set. It never calls {@code GlobalOpenTelemetry.get()}
     * before then, so it cannot fix the global to a no-op before the application sets its own. What the runtime does
     * when the API is present and {@code cacheweave.otel.enabled} is on.
     *
     * @param monitor the monitor to report
     * @return what stops it
     */
    public static AutoCloseable bindGlobal(CacheMonitor monitor) {
        return new GlobalBinding(monitor);
    }

    /** @return the observer that turns events into spans (already registered with the monitor) */
    CacheObserver observer() {
        return observer;
    }

    /** Stops the spans and the instruments' callback. */
    @Override
    public void close() {
        monitor.removeObserver(observer);
        callback.close();
    }

    private static ObservableMeasurement instrument(Meter meter, CacheMeter m) {
        boolean seconds = m.unit() == CacheMeter.Unit.NANOSECONDS;
        String unit = seconds ? "s" : m.unit() == CacheMeter.Unit.BYTES ? "By" : null;
        if (m.kind() == CacheMeter.Kind.COUNTER) {
            var counter = meter.counterBuilder(m.meterName()).setDescription(m.description());
            if (unit != null) {
                counter.setUnit(unit);
            }
            return seconds ? counter.ofDoubles().buildObserver() : counter.buildObserver();
        }
        var gauge = meter.gaugeBuilder(m.meterName()).setDescription(m.description());
        if (unit != null) {
            gauge.setUnit(unit);
        }
        return seconds ? gauge.buildObserver() : gauge.ofLongs().buildObserver();
    }

    private void observe() {
        SnapshotCache.Readings readings;
        try {
            readings = snapshots.read();
        } catch (RuntimeException e) {
            LOG.debug("cacheweave: could not read the monitor for OpenTelemetry", e);
            return;
        }
        for (CacheMeasurements.Measurement m : readings.measurements()) {
            Attributes attributes = attributes(m.meter(), m.tags());
            ObservableMeasurement instrument = instruments.get(m.meter());
            if (m.meter().unit() == CacheMeter.Unit.NANOSECONDS) { // SDK measurements implement both interfaces
                ((ObservableDoubleMeasurement) instrument).record(m.value() / 1e9, attributes);
            } else {
                ((ObservableLongMeasurement) instrument).record((long) m.value(), attributes);
            }
        }
    }

    /** @return tag {@code cache} as {@code cache.operation}, any other tag {@code t} as {@code cache.t} */
    static Attributes attributes(CacheMeter meter, List<String> tags) {
        AttributesBuilder b = Attributes.builder();
        for (int i = 0; i < tags.size(); i++) {
            String key = meter.tagKeys().get(i);
            b.put(key.equals("cache") ? "cache.operation" : "cache." + key, tags.get(i));
        }
        return b.build();
    }

    /**
     * How a key or pattern shows in {@code cache.key} and {@code cache.pattern}: as it is up to
     * {@value #KEY_ATTRIBUTE_MAX} characters; a longer one (which may hold the text of a prompt) as its operation,
     * {@code :#} and the first 16 hex digits of its SHA-256, so spans of one key still match and no request text
     * leaves the process. (A text key part above {@code cacheweave.key.hash-threshold} is in the key as its hash
     * already.)
     *
     * @param logicalKey a logical key or pattern
     * @return what the span shows
     */
    public static String keyAttribute(String logicalKey) {
        if (logicalKey.length() <= KEY_ATTRIBUTE_MAX) {
            return logicalKey;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(logicalKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return io.cacheweave.runtime.stats.KeyLabels.operation(logicalKey) + ":#"
                    + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Turns load, lookup and invalidation events into spans with the events' own times. */
    private final class SpanObserver implements CacheObserver {
        @Override
        public void onSharedGet(String operation, String tier, boolean hit, long startEpochNanos, long nanos) {
            onSharedGet(operation, tier, null, hit, startEpochNanos, nanos, null);
        }

        @Override
        public void onSharedGet(String operation, String tier, String logicalKey, boolean hit, long startEpochNanos,
                long nanos, Throwable failure) {
            SpanBuilder builder = tracer.spanBuilder(GET_SPAN)
                    .setSpanKind("redis".equals(tier) ? SpanKind.CLIENT : SpanKind.INTERNAL)
                    .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                    .setAttribute(OPERATION, operation).setAttribute(TIER, tier).setAttribute(HIT, hit);
            if (logicalKey != null) {
                builder.setAttribute(KEY, keyAttribute(logicalKey));
            }
            Span span = builder.startSpan();
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getClass().getName() + ": " + failure.getMessage());
            }
            span.end(startEpochNanos + nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void onMemoryHit(String operation, String logicalKey) {
            tracer.spanBuilder(GET_SPAN).setSpanKind(SpanKind.INTERNAL).setAttribute(OPERATION, operation)
                    .setAttribute(TIER, "memory").setAttribute(HIT, true)
                    .setAttribute(KEY, keyAttribute(logicalKey)).startSpan().end();
        }

        @Override
        public void onInvalidation(String operation, String target, String context, long keysRemoved) {
            SpanBuilder builder = tracer.spanBuilder(INVALIDATE_SPAN).setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(PATTERN, keyAttribute(target)).setAttribute(KEYS_REMOVED, keysRemoved);
            if (!operation.isEmpty()) {
                builder.setAttribute(OPERATION, operation);
            }
            if (!context.isEmpty()) {
                builder.setAttribute(CONTEXT, context);
            }
            Span span = builder.startSpan();
            span.end();
        }

        @Override
        public void onLoad(String operation, long startEpochNanos, long nanos, Throwable failure) {
            Span span = tracer.spanBuilder(LOAD_SPAN).setSpanKind(SpanKind.INTERNAL)
                    .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                    .setAttribute(OPERATION, operation).startSpan();
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getClass().getName() + ": " + failure.getMessage());
            }
            span.end(startEpochNanos + nanos, TimeUnit.NANOSECONDS);
        }
    }
}
