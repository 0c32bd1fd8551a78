package io.cacheweave.runtime.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the monitor of one runtime knows at one moment: per operation and per tier counters and latencies,
 * key and value statistics, invalidations, the health of the shared tier, what Redis itself reports, the most
 * accessed keys, alerts, plain-language recommendations, and the recent history for charts. Immutable; serialised
 * to JSON field by field under the same names (see the README's JSON schema). Latencies are in nanoseconds.
 *
 * @param takenAt when the snapshot was taken
 * @param retention how far back {@code history} and the sliding latency windows reach
 * @param operations one entry per operation (a {@code @Cached} operation or a programmatic cache), sorted by name
 * @param tiers the shared tiers behind the memory tier and their health; empty with the memory tier alone
 * @param redis what the Redis server reports about itself ({@code INFO}), or {@code null} without Redis or when it
 *     could not be asked
 * @param topKeys the most accessed logical keys, most accessed first, approximate (bounded memory)
 * @param memoryBytes estimated bytes held by the memory tiers of every operation
 * @param alerts thresholds crossed and not yet back under
 * @param recommendations what to change, derived from the numbers
 * @param history per-operation samples over the retention window, oldest first
 * @param saved what caching saved, summed over the application's operations (supporting caches left out;
 *     {@link Saved#meanLoadNanos()} is the mean weighted by each operation's saved calls)
 * @param memory the memory tiers of every operation together: entries and bytes against their bounds
 * @param usageSaved work that answers served from the cache saved at their source, as the faces that know it count it
 *     (the chat caches of {@code cacheweave-llm}: tokens a language model did not read or write, and their price),
 *     per cache and source, from the {@link UsageSavings} registered with the monitor; empty without any
 */
public record MonitorSnapshot(Instant takenAt, Duration retention, List<Operation> operations, List<TierHealth> tiers,
        RedisServer redis, List<KeyCount> topKeys, long memoryBytes, List<Alert> alerts,
        List<Recommendation> recommendations, List<HistoryPoint> history, Saved saved, MemoryFill memory,
        List<UsageSaved> usageSaved) {

    /** A snapshot read from JSON written before {@code usageSaved} existed has none. */
    public MonitorSnapshot {
        usageSaved = usageSaved == null ? List.of() : List.copyOf(usageSaved);
    }

    /** A snapshot without usage saved at a source (as before {@code usageSaved} existed). */
    public MonitorSnapshot(Instant takenAt, Duration retention, List<Operation> operations, List<TierHealth> tiers,
            RedisServer redis, List<KeyCount> topKeys, long memoryBytes, List<Alert> alerts,
            List<Recommendation> recommendations, List<HistoryPoint> history, Saved saved, MemoryFill memory) {
        this(takenAt, retention, operations, tiers, redis, topKeys, memoryBytes, alerts, recommendations, history,
                saved, memory, List.of());
    }

    /**
     * What answers served from one cache saved at the source that would otherwise have produced them, as a face
     * that knows the source counts it: for a chat cache, the tokens the model did not read or write and their price.
     * The runtime does not interpret the units; it shows them.
     *
     * @param operation the cache (operation) that served the answers
     * @param source what would have done the work, such as a model's name
     * @param hits answers served from the cache instead of the source, by kind (a chat cache's {@code exact} and
     *     {@code semantic}), in the face's order
     * @param misses requests that went to the source
     * @param units what the answers served cost the source when it produced them, by unit (a chat cache's
     *     {@code input tokens} and {@code output tokens}), in the face's order
     * @param cost their price, in the currency of the face's price table; {@code null} when it has no price for the
     *     source
     */
    public record UsageSaved(String operation, String source, Map<String, Long> hits, long misses,
            Map<String, Long> units, Double cost) {
        /** Null maps read as empty ones. */
        public UsageSaved {
            hits = hits == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hits));
            units = units == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(units));
        }

        /** @return the hits of every kind */
        public long totalHits() {
            return hits.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * @param other the same cache and source counted by another registration
         * @return both summed: hits and units by name (this one's order first), costs when either has one
         */
        public UsageSaved plus(UsageSaved other) {
            Map<String, Long> h = new java.util.LinkedHashMap<>(hits);
            other.hits.forEach((k, v) -> h.merge(k, v, Long::sum));
            Map<String, Long> u = new java.util.LinkedHashMap<>(units);
            other.units.forEach((k, v) -> u.merge(k, v, Long::sum));
            Double c = cost == null ? other.cost : other.cost == null ? cost : Double.valueOf(cost + other.cost);
            return new UsageSaved(operation, source, h, misses + other.misses, u, c);
        }
    }

    /**
     * One operation.
     *
     * @param operation its name
     * @param counters the operation's counters (hits, misses, loads, ...), as {@link OperationStats}
     * @param tiers per tier ({@code memory}, {@code redis}, {@code file}) that served it
     * @param keys key generation: plain versus hashed keys
     * @param values stored values by text-size tier ({@code small}, {@code medium}, {@code large})
     * @param invalidations invalidations that reached it
     * @param memoryBytes estimated bytes its memory tier holds (the same as {@code memory.bytes})
     * @param ttl the time to live in force
     * @param saved what caching saved this operation: calls answered without running the method, and an estimate
     *     of the method time they would have taken
     * @param memory its memory tier's entries and bytes against their bounds
     * @param supports for an internal (supporting) cache, the cache it serves (a chat cache {@code chat} for its
     *     {@code chat-questions} and {@code chat-manifest}; see {@code CacheBuilder.supporting}); {@code null} for the
     *     application's own operations. Recommendations and alerts leave supporting caches out, and the runtime-wide
     *     savings ({@link MonitorSnapshot#saved()}) count only the application's operations.
     */
    public record Operation(String operation, OperationStats counters, List<Tier> tiers, Keys keys,
            List<SizeTier> values, Invalidations invalidations, long memoryBytes, Duration ttl, Saved saved,
            MemoryFill memory, String supports) {

        /** One of the application's own operations (as before {@code supports} existed). */
        public Operation(String operation, OperationStats counters, List<Tier> tiers, Keys keys,
                List<SizeTier> values, Invalidations invalidations, long memoryBytes, Duration ttl, Saved saved,
                MemoryFill memory) {
            this(operation, counters, tiers, keys, values, invalidations, memoryBytes, ttl, saved, memory, null);
        }

        /** @return whether it is an internal cache serving another ({@code supports} is set) */
        public boolean supporting() {
            return supports != null;
        }
    }

    /**
     * What caching saved: calls the cache answered (by either tier) without running the method, and an estimate of
     * the time those runs would have taken. The estimate is {@code calls x meanLoadNanos}, rounded; it does not
     * subtract the lookups' own cost (nanoseconds for a memory-tier hit, the shared tier's get latency for the
     * others).
     *
     * @param calls calls answered from the cache without running the method (the operation's hits)
     * @param meanLoadNanos the mean load time the estimate values each call at: of the loads in the monitor's
     *     latency window ({@code cacheweave.monitor.latency-window}), or of every load since the start when none
     *     finished in the window; 0 when no load has been timed (then the estimate is 0 too)
     * @param estimatedNanos the estimated method time saved, nanoseconds
     */
    public record Saved(long calls, double meanLoadNanos, long estimatedNanos) {
        /** Nothing saved, nothing timed. */
        public static final Saved NONE = new Saved(0, 0, 0);
    }

    /**
     * How full a memory tier is: entries and estimated bytes against its bounds.
     *
     * @param entries entries held (approximate, as Caffeine counts them)
     * @param maxEntries the entry bound ({@code cacheweave.l1.max-entries} or the builder's {@code maximumSize}),
     *     0 when unknown
     * @param bytes estimated bytes held (see the README's Monitoring section)
     * @param maxBytes the byte bound, or {@code null} when the tier has none
     * @param expiredEntries entries held past their expiry, not yet removed (Caffeine removes them as it maintains
     *     the tier, on later reads and writes, or every {@code cacheweave.l1.cleanup-interval}); counted in
     *     {@code entries}
     * @param utilizationPercent {@code entries} against {@code maxEntries} in percent, as seed 002's
     *     {@code utilization_percent}; 0 when the bound is unknown
     */
    public record MemoryFill(long entries, long maxEntries, long bytes, Long maxBytes, long expiredEntries,
            double utilizationPercent) {
        /** An empty tier without known bounds. */
        public static final MemoryFill NONE = new MemoryFill(0, 0, 0, null);

        /** A tier with {@code expiredEntries} of its entries expired; the utilization computed. */
        public MemoryFill(long entries, long maxEntries, long bytes, Long maxBytes, long expiredEntries) {
            this(entries, maxEntries, bytes, maxBytes, expiredEntries,
                    maxEntries <= 0 ? 0.0 : 100.0 * entries / maxEntries);
        }

        /** A tier with no expired entry held; the utilization computed. */
        public MemoryFill(long entries, long maxEntries, long bytes, Long maxBytes) {
            this(entries, maxEntries, bytes, maxBytes, 0);
        }

        /**
         * @param other another tier
         * @return both together: entries, bounds and bytes summed; a byte bound only when both have one
         */
        public MemoryFill plus(MemoryFill other) {
            return new MemoryFill(entries + other.entries, maxEntries + other.maxEntries, bytes + other.bytes,
                    maxBytes == null || other.maxBytes == null ? null : maxBytes + other.maxBytes,
                    expiredEntries + other.expiredEntries);
        }

        /** @param tiers memory tiers @return all of them together, {@link #NONE} for none */
        public static MemoryFill total(java.util.Collection<MemoryFill> tiers) {
            MemoryFill sum = null;
            for (MemoryFill t : tiers) {
                sum = sum == null ? t : sum.plus(t);
            }
            return sum == null ? NONE : sum;
        }
    }

    /**
     * One tier as seen by one operation.
     *
     * @param tier {@code memory}, {@code redis} or {@code file}
     * @param hits lookups it answered
     * @param misses lookups it did not answer
     * @param get latency of lookups over the sliding window
     * @param put latency of writes over the sliding window
     * @param errors failed calls (shared tiers)
     * @param timeouts calls that timed out (shared tiers)
     */
    public record Tier(String tier, long hits, long misses, Latency get, Latency put, long errors, long timeouts) {
    }

    /**
     * Percentiles over a sliding window, in nanoseconds.
     *
     * @param count measurements in the window
     * @param p50 median
     * @param p95 95th percentile
     * @param p99 99th percentile
     * @param max largest
     */
    public record Latency(long count, long p50, long p95, long p99, long max) {
        /** No measurements. */
        public static final Latency NONE = new Latency(0, 0, 0, 0, 0);
    }

    /**
     * Key generation of one operation, plain keys and hashed keys (a text part above the hash threshold).
     *
     * @param plain keys rendered without hashing
     * @param hashed keys with at least one hashed part
     */
    public record Keys(KeyKind plain, KeyKind hashed) {
    }

    /**
     * @param count keys rendered
     * @param meanNanos mean rendering time
     * @param meanTextLength mean length in characters of the text rendered from
     * @param maxTextLength longest text rendered from
     */
    public record KeyKind(long count, double meanNanos, double meanTextLength, long maxTextLength) {
    }

    /**
     * Values stored in one text-size tier.
     *
     * @param sizeTier {@code small}, {@code medium}, {@code large} or {@code xlarge} (thresholds in the settings)
     * @param values values encoded and stored
     * @param rawBytes bytes before compression
     * @param storedBytes bytes after compression (as written to the shared tier)
     * @param compressed how many of them were compressed
     * @param compressionNanos total time spent compressing
     */
    public record SizeTier(String sizeTier, long values, long rawBytes, long storedBytes, long compressed,
            long compressionNanos) {
        /** @return raw bytes over stored bytes, 1 when nothing was stored */
        public double compressionRatio() {
            return storedBytes == 0 ? 1.0 : (double) rawBytes / storedBytes;
        }
    }

    /**
     * @param count invalidation requests
     * @param keysRemoved entries removed by them, as reported by the tiers
     * @param byContext requests per context string ({@code ""} when none was given)
     * @param last the most recent one, or {@code null}
     */
    public record Invalidations(long count, long keysRemoved, Map<String, Long> byContext, InvalidationEvent last) {
    }

    /**
     * @param at when
     * @param target the pattern, or {@code operation:<name>}, or the exact key
     * @param context the caller's context, or {@code ""}
     * @param keysRemoved entries removed
     */
    public record InvalidationEvent(Instant at, String target, String context, long keysRemoved) {
    }

    /**
     * A shared tier's health.
     *
     * @param tier {@code redis} or {@code file}
     * @param description the redacted URL or directory
     * @param breakerState {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param breakerTransitions state changes since start
     * @param errors failed calls
     * @param timeouts calls that timed out
     * @param skipped calls skipped while the breaker was open
     */
    public record TierHealth(String tier, String description, String breakerState, long breakerTransitions,
            long errors, long timeouts, long skipped) {
    }

    /**
     * What Redis reports about itself ({@code INFO stats}, {@code memory}, {@code clients}).
     *
     * @param keyspaceHits {@code keyspace_hits}
     * @param keyspaceMisses {@code keyspace_misses}
     * @param usedMemoryBytes {@code used_memory}
     * @param connectedClients {@code connected_clients}
     * @param commandsProcessed {@code total_commands_processed}
     * @param hitRatePercent {@code keyspace_hits} over hits and misses, in percent (0 to 100; 0 before any read),
     *     as seed 001's {@code get_cache_stats()} reports {@code hit_rate}
     * @param usedMemoryHuman {@code used_memory} as Redis writes {@code used_memory_human}: {@code 512B},
     *     {@code 889.88K}, {@code 1.13M}, {@code 2.00G}
     */
    public record RedisServer(long keyspaceHits, long keyspaceMisses, long usedMemoryBytes, long connectedClients,
            long commandsProcessed, double hitRatePercent, String usedMemoryHuman) {

        /** The numbers as {@code INFO} gives them; the hit rate and the readable memory are computed from them. */
        public RedisServer(long keyspaceHits, long keyspaceMisses, long usedMemoryBytes, long connectedClients,
                long commandsProcessed) {
            this(keyspaceHits, keyspaceMisses, usedMemoryBytes, connectedClients, commandsProcessed,
                    keyspaceHits + keyspaceMisses == 0 ? 0.0 : 100.0 * keyspaceHits / (keyspaceHits + keyspaceMisses),
                    human(usedMemoryBytes));
        }

        /** @return bytes the way Redis writes {@code used_memory_human} (powers of 1024, two decimals) */
        public static String human(long bytes) {
            String[] units = {"K", "M", "G", "T", "P"};
            if (bytes < 1024) {
                return bytes + "B";
            }
            double v = bytes;
            int unit = -1;
            while (v >= 1024 && unit < units.length - 1) {
                v /= 1024;
                unit++;
            }
            return String.format(java.util.Locale.ROOT, "%.2f%s", v, units[unit]);
        }
    }

    /**
     * One of the most accessed keys.
     *
     * @param key the full logical key, as rendered for the shared tier (escapes included)
     * @param count its approximate number of accesses
     * @param operation the operation: the key up to its first unescaped {@code :}
     * @param label the rest of the key for a person to read: parts unescaped and separated by {@code " · "}, a
     *     hashed part as {@code #} and the first 12 hex digits of its digest, a long text shortened to its start,
     *     the place where it differs from the other keys listed, and its end, with {@code …} between; distinct
     *     among the keys of one operation in a snapshot (see {@link KeyLabels})
     */
    public record KeyCount(String key, long count, String operation, String label) {
        /** @param key a logical key @param count its accesses; labelled on its own, by {@link KeyLabels#of} */
        public KeyCount(String key, long count) {
            this(key, count, KeyLabels.operation(key), KeyLabels.of(key));
        }
    }

    /**
     * A threshold crossed.
     *
     * @param kind {@code memory}, {@code slow-operation}, {@code invalidation-rate}, ...
     * @param level {@code WARNING} or {@code CRITICAL}
     * @param subject the operation concerned, or {@code ""} for the whole runtime
     * @param message what was crossed, with the value and the threshold
     * @param since when it was crossed
     */
    public record Alert(String kind, String level, String subject, String message, Instant since) {
    }

    /**
     * Advice derived from the numbers.
     *
     * @param subject the operation concerned, or {@code ""}
     * @param finding what the numbers show, in plain language
     * @param setting the setting (or annotation attribute) to change
     * @param advice what to do
     */
    public record Recommendation(String subject, String finding, String setting, String advice) {
    }

    /**
     * One sample of one operation.
     *
     * @param at when
     * @param operation the operation
     * @param hits hits since the previous sample
     * @param misses misses since the previous sample
     * @param hitRatio hits over hits plus misses in that interval, or {@code null} when the operation had no call
     *     in it (no data, not 0%)
     * @param p50 median shared-tier get latency in that interval, nanoseconds, or {@code null} without a timed
     *     lookup
     * @param p99 99th percentile shared-tier get latency in that interval, nanoseconds, or {@code null} without a
     *     timed lookup
     * @param savedNanos estimated method time saved in that interval: its hits times the mean load time as in
     *     {@link Saved#meanLoadNanos()} when it was sampled; {@code null} when the operation had no call in it
     * @param memoryEntries entries in the operation's memory tier when it was sampled
     * @param memoryBytes estimated bytes in the operation's memory tier when it was sampled
     */
    public record HistoryPoint(Instant at, String operation, long hits, long misses, Double hitRatio, Long p50,
            Long p99, Long savedNanos, long memoryEntries, long memoryBytes) {
    }
}
