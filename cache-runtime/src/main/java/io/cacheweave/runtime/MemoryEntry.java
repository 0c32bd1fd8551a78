package io.cacheweave.runtime;

import io.cacheweave.runtime.woven.CachedValue;

/**
 * One entry of a memory tier (woven methods and programmatic caches alike), and the outcome of a load handed to the
 * callers that waited for it: the woven ABI's {@link CachedValue} (value, failure, in flight), plus what only the
 * engine reads: the deadline and, for refresh-ahead, the load time, and the entry's number for hit sampling.
 */
final class MemoryEntry extends CachedValue {

    /** {@link #deadline()} of an entry without one: it lives until it is removed or evicted. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final long deadline;
    private final long writtenAt;
    /**
     * The entry's number in its memory tier, set before it is put there (0: none): what a sampled hit notes, so the
     * hit path stores an int, never a reference (see MethodCache).
     */
    int id;
    /** The memory-tier key, when it is a tuple of two parts ({@link #key()}); set before the entry is put there. */
    Object tupleKey;
    /** The tags of the entry ({@code Cache.put} with tags, {@code @Cached(tags = ...)}), or {@code null}. */
    String[] tags;

    MemoryEntry(Object value, long deadline) {
        this(value, null, deadline, false, 0);
    }

    /** A stored value written at the clock reading {@code writtenAt}, for refresh-ahead. */
    MemoryEntry(Object value, long deadline, long writtenAt) {
        this(value, null, deadline, false, writtenAt);
    }

    private MemoryEntry(Object value, Throwable failure, long deadline, boolean inFlight, long writtenAt) {
        super(value, failure, inFlight);
        this.deadline = deadline;
        this.writtenAt = writtenAt;
    }

    /** @return a value of a programmatic cache with its tags ({@code null}: none) */
    static MemoryEntry tagged(Object value, long deadline, String[] tags) {
        MemoryEntry v = new MemoryEntry(value, deadline);
        v.tags = tags;
        return v;
    }

    /** @return a value read from the shared tier, with its write time and its tags ({@code null}: none) */
    static MemoryEntry tagged(Object value, long deadline, long writtenAt, String[] tags) {
        MemoryEntry v = new MemoryEntry(value, deadline, writtenAt);
        v.tags = tags;
        return v;
    }

    @Override
    public Object key() {
        return tupleKey;
    }

    /** @return the clock reading when the value was loaded (refresh-ahead methods only; else 0) */
    long writtenAt() {
        return writtenAt;
    }

    static MemoryEntry failed(Throwable failure) {
        return new MemoryEntry(null, failure, NO_DEADLINE, false, 0);
    }

    /** The future of a load still running, which callers of the same cold key share. */
    static MemoryEntry inFlight(Object future) {
        return new MemoryEntry(future, null, NO_DEADLINE, true, 0);
    }

    /** @return the clock reading after which this entry is stale, or {@link #NO_DEADLINE} */
    long deadline() {
        return deadline;
    }
}
