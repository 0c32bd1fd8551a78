package io.cacheweave.runtime.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-language advice derived from a snapshot's numbers, each naming the setting to change. Supporting caches
 * (internal caches of a library, {@link MonitorSnapshot.Operation#supporting()}) get none. Rules (an operation is
 * judged only once it has enough calls for the numbers to mean something):
 * <ul>
 *   <li>hit ratio under 20% after at least {@value #MIN_REQUESTS} calls: keys rarely repeat within the TTL;</li>
 *   <li>TTL shorter than the mean load time: entries expire before a load is paid back;</li>
 *   <li>evictions (at least {@value #MIN_EVICTIONS}) more than half the memory-tier hits: the memory tier is too
 *       small for the working set;</li>
 *   <li>compression saving under 10% on at least {@value #MIN_VALUES} medium and large values;</li>
 *   <li>stored values that did not decode: a cached type changed shape;</li>
 *   <li>shared-tier timeouts (at least {@value #MIN_TIMEOUTS});</li>
 *   <li>the memory alert: the memory tiers hold more than the warning threshold.</li>
 * </ul>
 */
public final class Recommendations {
    static final long MIN_REQUESTS = 20;
    static final long MIN_EVICTIONS = 100;
    static final long MIN_VALUES = 10;
    static final long MIN_TIMEOUTS = 10;

    private Recommendations() {
    }

    /**
     * @param operations the snapshot's operations
     * @param tiers the snapshot's shared tiers
     * @param memoryBytes estimated memory-tier bytes
     * @param memoryWarningBytes the memory warning threshold
     * @return the advice, per operation in order, then runtime-wide
     */
    public static List<MonitorSnapshot.Recommendation> of(List<MonitorSnapshot.Operation> operations,
            List<MonitorSnapshot.TierHealth> tiers, long memoryBytes, long memoryWarningBytes) {
        List<MonitorSnapshot.Recommendation> out = new ArrayList<>();
        for (MonitorSnapshot.Operation op : operations) {
            if (!op.supporting()) { // a library's internal cache: its settings are the library's, not the user's
                forOperation(op, out);
            }
        }
        for (MonitorSnapshot.TierHealth t : tiers) {
            if (t.timeouts() >= MIN_TIMEOUTS) {
                out.add(new MonitorSnapshot.Recommendation("", t.timeouts() + " calls to the " + t.tier()
                        + " tier timed out (" + t.errors() + " other errors); each one is a miss",
                        "cacheweave.redis.timeout", "if the " + t.tier() + " tier is healthy but slower than the "
                        + "timeout, raise cacheweave.redis.timeout; otherwise look at its load and network"));
            }
        }
        if (memoryBytes >= memoryWarningBytes) {
            out.add(new MonitorSnapshot.Recommendation("", "the memory tiers hold an estimated " + mib(memoryBytes)
                    + ", above the warning threshold of " + mib(memoryWarningBytes), "cacheweave.l1.max-entries",
                    "lower cacheweave.l1.max-entries (or cacheweave.l1.ttl) so fewer entries stay in memory; the "
                    + "shared tier still serves the rest"));
        }
        return out;
    }

    private static void forOperation(MonitorSnapshot.Operation op, List<MonitorSnapshot.Recommendation> out) {
        OperationStats c = op.counters();
        String name = op.operation();
        String ttlSetting = "cacheweave.ttl." + name;
        if (c.requests() >= MIN_REQUESTS && c.hitRatio() < 0.20) {
            out.add(new MonitorSnapshot.Recommendation(name, String.format(Locale.ROOT, "only %.0f%% of %d calls "
                    + "were hits", 100 * c.hitRatio(), c.requests()), ttlSetting, "few calls repeat a key within "
                    + "the TTL (" + op.ttl() + "): leave out of the key what does not change the result (@CacheKey "
                    + "or @Cached(key)), or raise " + ttlSetting + " if the same calls come back later than that"));
        }
        if (c.loads() + c.loadFailures() > 0 && op.ttl() != null
                && op.ttl().toNanos() < c.averageLoadNanos()) {
            out.add(new MonitorSnapshot.Recommendation(name, "the TTL (" + op.ttl() + ") is shorter than the mean "
                    + "load time (" + Duration.ofNanos((long) c.averageLoadNanos()) + ")", ttlSetting,
                    "raise " + ttlSetting + " well above the load time, or the cache rarely pays for a load"));
        }
        long memoryHits = c.hits() - c.sharedHits();
        if (c.evictions() >= MIN_EVICTIONS && c.evictions() * 2 > memoryHits) {
            out.add(new MonitorSnapshot.Recommendation(name, c.evictions() + " entries were evicted for size against "
                    + memoryHits + " memory-tier hits: the working set does not fit", "cacheweave.l1.max-entries",
                    "raise cacheweave.l1.max-entries, if the memory estimate allows it"));
        }
        long raw = 0;
        long stored = 0;
        long values = 0;
        for (MonitorSnapshot.SizeTier s : op.values()) {
            if (!s.sizeTier().equals("small")) {
                raw += s.rawBytes();
                stored += s.storedBytes();
                values += s.values();
            }
        }
        if (values >= MIN_VALUES && raw > 0 && 1.0 - (double) stored / raw < 0.10) {
            out.add(new MonitorSnapshot.Recommendation(name, String.format(Locale.ROOT, "compression saves %.0f%% "
                    + "of %d medium and large values", Math.max(0, 100 * (1.0 - (double) stored / raw)), values),
                    "cacheweave.compression.threshold", "these values hardly compress: raise "
                    + "cacheweave.compression.threshold above their size (or set cacheweave.compression.algorithm "
                    + "to none) to save the compression time"));
        }
        if (c.decodeFailures() > 0) {
            out.add(new MonitorSnapshot.Recommendation(name, c.decodeFailures() + " stored values did not decode as "
                    + "the declared type and were removed", "cacheweave.schema-version", "if the cached type "
                    + "changed shape, bump cacheweave.schema-version so old entries are never read"));
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
