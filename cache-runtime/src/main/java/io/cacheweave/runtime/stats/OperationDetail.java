package io.cacheweave.runtime.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The detailed recording of one operation, beyond its plain counters: latency windows per shared tier and of loads,
 * key rendering, value sizes by size tier, the last invalidation. Bounded: two latency windows per shared tier plus
 * one for loads and a fixed number of counters (invalidation contexts are counted, bounded, by
 * {@link OperationCounters}).
 */
public final class OperationDetail {
    static final String[] SIZE_TIERS = {"small", "medium", "large", "xlarge"};

    private final Recording recording;
    private final Map<String, TierRecord> tiers = new ConcurrentHashMap<>();
    private final LatencyWindow loads;
    private final KeyRecord plain = new KeyRecord();
    private final KeyRecord hashed = new KeyRecord();
    private final SizeRecord[] sizes = {new SizeRecord(), new SizeRecord(), new SizeRecord(), new SizeRecord()};
    private final AtomicReference<MonitorSnapshot.InvalidationEvent> last = new AtomicReference<>();

    OperationDetail(Recording recording) {
        this.recording = recording;
        this.loads = recording.newWindow();
    }

    void load(long nanos) {
        loads.record(nanos, recording.now());
    }

    void sharedGet(String tier, long nanos) {
        tier(tier).get.record(nanos, recording.now());
    }

    void sharedPut(String tier, long nanos) {
        tier(tier).put.record(nanos, recording.now());
    }

    void sharedError(String tier, boolean timeout) {
        (timeout ? tier(tier).timeouts : tier(tier).errors).increment();
    }

    void keyRendered(long nanos, long textLength, boolean isHashed) {
        KeyRecord k = isHashed ? hashed : plain;
        k.count.increment();
        k.nanos.add(nanos);
        k.length.add(textLength);
        k.maxLength.accumulateAndGet(textLength, Math::max);
    }

    void valueStored(int rawBytes, int storedBytes, boolean compressed, long compressionNanos) {
        SizeRecord s = sizes[recording.sizeTier(rawBytes)];
        s.values.increment();
        s.raw.add(rawBytes);
        s.stored.add(storedBytes);
        if (compressed) {
            s.compressed.increment();
        }
        s.nanos.add(compressionNanos);
    }

    /** Keeps the details of the most recent invalidation request (counts live in {@link OperationCounters}). */
    void invalidated(String target, String context, long removed) {
        last.set(new MonitorSnapshot.InvalidationEvent(recording.instant(recording.now()), target, context, removed));
    }

    private TierRecord tier(String tier) {
        TierRecord t = tiers.get(tier);
        return t != null ? t : tiers.computeIfAbsent(tier, x -> new TierRecord(recording));
    }

    /** @return the load-time window */
    public LatencyWindow loads() {
        return loads;
    }

    /** @param tier a shared tier's name @return its get-latency window, or {@code null} if it was never used */
    public LatencyWindow getWindow(String tier) {
        TierRecord t = tiers.get(tier);
        return t == null ? null : t.get;
    }

    /**
     * @param now the clock reading
     * @param hits shared-tier hits of the operation
     * @param misses shared-tier misses of the operation
     * @return the shared tiers this operation used, with their windows and failures as of {@code now}
     */
    public List<MonitorSnapshot.Tier> sharedTiers(long now, long hits, long misses) {
        List<MonitorSnapshot.Tier> out = new ArrayList<>();
        new TreeMap<>(tiers).forEach((name, t) -> out.add(new MonitorSnapshot.Tier(name, hits, misses,
                t.get.latency(now), t.put.latency(now), t.errors.sum(), t.timeouts.sum())));
        return out;
    }

    /** @return key rendering, plain and hashed */
    public MonitorSnapshot.Keys keys() {
        return new MonitorSnapshot.Keys(plain.snapshot(), hashed.snapshot());
    }

    /** @return stored values by size tier */
    public List<MonitorSnapshot.SizeTier> values() {
        List<MonitorSnapshot.SizeTier> out = new ArrayList<>(SIZE_TIERS.length);
        for (int i = 0; i < SIZE_TIERS.length; i++) {
            SizeRecord s = sizes[i];
            out.add(new MonitorSnapshot.SizeTier(SIZE_TIERS[i], s.values.sum(), s.raw.sum(), s.stored.sum(),
                    s.compressed.sum(), s.nanos.sum()));
        }
        return out;
    }

    /**
     * @param counters the operation's counters, which count requests, entries removed and contexts
     * @return the invalidation details
     */
    public MonitorSnapshot.Invalidations invalidations(OperationCounters counters) {
        return new MonitorSnapshot.Invalidations(counters.snapshot().invalidations(), counters.invalidatedEntries(),
                counters.invalidationContexts(), last.get());
    }

    private static final class TierRecord {
        final LatencyWindow get;
        final LatencyWindow put;
        final LongAdder errors = new LongAdder();
        final LongAdder timeouts = new LongAdder();

        TierRecord(Recording recording) {
            get = recording.newWindow();
            put = recording.newWindow();
        }
    }

    private static final class KeyRecord {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder length = new LongAdder();
        final AtomicLong maxLength = new AtomicLong();

        MonitorSnapshot.KeyKind snapshot() {
            long n = count.sum();
            return new MonitorSnapshot.KeyKind(n, n == 0 ? 0 : (double) nanos.sum() / n,
                    n == 0 ? 0 : (double) length.sum() / n, maxLength.get());
        }
    }

    private static final class SizeRecord {
        final LongAdder values = new LongAdder();
        final LongAdder raw = new LongAdder();
        final LongAdder stored = new LongAdder();
        final LongAdder compressed = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
