package io.cacheweave.runtime.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cacheweave.runtime.stats.CacheMonitor;
import io.cacheweave.runtime.stats.CacheObserver;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A test double of {@link CacheMonitor}: it does not record anything, it returns the snapshots a test scripts (by
 * call number) and fires the observer events a test asks for, so the bridges and the stats page can be checked
 * against known numbers. The real monitor lives behind {@code CacheRuntime.monitor()}.
 *
 * <p>{@link #snapshotJson()} writes the scripted snapshot field by field under the record component names (times as
 * ISO-8601 text, or as numbers with {@link #withNumericTimes}), as the contract of {@link MonitorSnapshot}
 * describes.
 */
public final class ScriptedMonitor implements CacheMonitor {
    private static final ObjectMapper ISO_JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final ObjectMapper NUMERIC_JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final IntFunction<MonitorSnapshot> script;
    private final ObjectMapper json;
    private final AtomicInteger snapshots = new AtomicInteger();
    private final List<MonitorSnapshot> served = new CopyOnWriteArrayList<>();
    private final List<CacheObserver> observers = new CopyOnWriteArrayList<>();

    /** @param script the snapshot of the n-th call of {@link #snapshot()} (or {@link #snapshotJson()}), from 0 */
    public ScriptedMonitor(IntFunction<MonitorSnapshot> script) {
        this(script, ISO_JSON);
    }

    private ScriptedMonitor(IntFunction<MonitorSnapshot> script, ObjectMapper json) {
        this.script = Objects.requireNonNull(script, "script must not be null");
        this.json = json;
    }

    /**
     * @param script as for {@link #ScriptedMonitor(IntFunction)}
     * @return a monitor whose JSON writes times as Jackson does by default: instants and durations as decimal seconds
     */
    public static ScriptedMonitor withNumericTimes(IntFunction<MonitorSnapshot> script) {
        return new ScriptedMonitor(script, NUMERIC_JSON);
    }

    /** @param snapshot returned by every call */
    public static ScriptedMonitor of(MonitorSnapshot snapshot) {
        return new ScriptedMonitor(n -> snapshot);
    }

    @Override
    public MonitorSnapshot snapshot() {
        MonitorSnapshot s = script.apply(snapshots.getAndIncrement());
        served.add(s);
        return s;
    }

    @Override
    public String snapshotJson() {
        try {
            return json.writeValueAsString(snapshot());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void addObserver(CacheObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer must not be null"));
    }

    @Override
    public void removeObserver(CacheObserver observer) {
        observers.remove(observer);
    }

    /** @param event called with every registered observer, as the runtime would on an event */
    public void fire(Consumer<CacheObserver> event) {
        observers.forEach(event);
    }

    /** @return how many snapshots were taken (JSON ones included) */
    public int snapshotCount() {
        return snapshots.get();
    }

    /** @return every snapshot handed out, in order */
    public List<MonitorSnapshot> served() {
        return List.copyOf(served);
    }

    /** @return the observers registered now */
    public List<CacheObserver> observers() {
        return List.copyOf(observers);
    }
}
