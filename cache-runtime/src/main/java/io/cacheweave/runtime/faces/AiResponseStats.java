package io.cacheweave.runtime.faces;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of an {@link AiResponseCache}'s counters: one row per operation and text-size tier that has been read
 * or written, ordered by operation, then tier.
 *
 * @param rows the counters by operation and tier
 * @param failures reads, writes and invalidations that failed in the cache and went on without it
 */
public record AiResponseStats(List<Row> rows, long failures) {

    /** Copies and orders the rows. */
    public AiResponseStats {
        rows = rows.stream().sorted(Comparator.comparing(Row::operation).thenComparing(Row::tier)).toList();
    }

    /**
     * @param operation an operation
     * @param tier a size tier
     * @return that row, empty if nothing was counted for it
     */
    public Optional<Row> row(String operation, TextSizeTier tier) {
        return rows.stream().filter(r -> r.operation().equals(operation) && r.tier() == tier).findFirst();
    }

    /** @return hits of every row */
    public long hits() {
        return rows.stream().mapToLong(Row::hits).sum();
    }

    /** @return misses of every row */
    public long misses() {
        return rows.stream().mapToLong(Row::misses).sum();
    }

    /** @return stores of every row */
    public long stores() {
        return rows.stream().mapToLong(Row::stores).sum();
    }

    /** @return hits over reads of every row, 0 when nothing was read */
    public double hitRatio() {
        return Row.ratio(hits(), misses());
    }

    /**
     * Counters of one operation and text-size tier.
     *
     * @param operation the operation
     * @param tier the size tier of the request texts
     * @param hits reads that found a response
     * @param misses reads that found none
     * @param stores responses stored
     */
    public record Row(String operation, TextSizeTier tier, long hits, long misses, long stores) {

        /** @return hits over reads, 0 when nothing was read */
        public double hitRatio() {
            return ratio(hits, misses);
        }

        static double ratio(long hits, long misses) {
            long reads = hits + misses;
            return reads == 0 ? 0 : (double) hits / reads;
        }
    }
}
