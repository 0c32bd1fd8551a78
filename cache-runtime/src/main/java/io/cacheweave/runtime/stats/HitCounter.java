package io.cacheweave.runtime.stats;

/**
 * Counts cache hits at the cost of a plain memory increment, because a hit must cost little more than the lookup
 * itself: an atomic increment (what {@link java.util.concurrent.atomic.LongAdder} does when uncontended) costs
 * about half of a whole memory-tier lookup (measured with the hit-path benchmark, see the README).
 *
 * <p>Each thread increments its own padded cell, chosen by thread id, with a plain write. Two threads that share a
 * cell (their ids collide modulo the cell count) and increment at the same instant on two cores can lose one
 * increment. So the count is exact for a single thread and for threads that do not share a cell, and otherwise
 * may under-count by a tiny fraction. Sums are read with plain reads and may lag a moment behind the writers.
 */
public final class HitCounter {
    private static final int PAD = 16; // longs per cell: 128 bytes, so no two cells share a cache line pair
    private static final int CELLS = cellCount(Runtime.getRuntime().availableProcessors());
    /** How many stripes of threads per-thread state is spread over (a power of two, by thread id), as cells here. */
    public static final int STRIPES = CELLS;

    /** One hit in this many (per cell) is sampled by {@link #incrementSampled()}; a power of two. */
    public static final int SAMPLE_INTERVAL = 1024;

    private final long[] cells = new long[(CELLS + 1) * PAD];

    /** Adds one for the calling thread. */
    public void increment() {
        int cell = stripe() + 1;
        cells[cell * PAD]++;
    }

    /**
     * Adds one for the calling thread, like {@link #increment()}, and says whether this hit is the one in
     * {@link #SAMPLE_INTERVAL} of its cell that is sampled (for the top-key sketch): no extra memory access, one
     * branch for the caller.
     *
     * @return whether to sample this hit
     */
    public boolean incrementSampled() {
        int cell = stripe() + 1;
        return (++cells[cell * PAD] & (SAMPLE_INTERVAL - 1)) == 0;
    }

    /** @return the calling thread's stripe, {@code 0} to {@link #STRIPES} - 1 (by thread id) */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same value
    public static int stripe() {
        return (int) Thread.currentThread().getId() & (STRIPES - 1);
    }

    /** @return the sum of every cell */
    public long sum() {
        long sum = 0;
        for (int i = 1; i <= CELLS; i++) {
            sum += cells[i * PAD];
        }
        return sum;
    }

    /** @return the number of cells, a power of two: four per processor, between 8 and 64 */
    static int cellCount(int processors) {
        int n = Integer.highestOneBit(Math.max(8, Math.min(64, processors * 4)) - 1) << 1;
        return Math.max(8, Math.min(64, n));
    }
}
