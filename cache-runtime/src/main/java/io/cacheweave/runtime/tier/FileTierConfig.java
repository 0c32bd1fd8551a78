package io.cacheweave.runtime.tier;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where and how {@link FileTier} stores its entries. Immutable; start from {@link #of(Path)} and change single
 * settings with the {@code with...} methods.
 *
 * @param directory the directory that holds the entries; created if missing; one process at a time may open it
 * @param maxBytes the most bytes the entry files may take together (their lengths, headers included); at least 1
 * @param fsync what is forced to the storage device on each write, see {@link Fsync}
 * @param clock the current time in epoch milliseconds; expiry deadlines are stored in this time scale, so it must be
 *     the wall clock ({@code System::currentTimeMillis}) except in tests
 */
public record FileTierConfig(Path directory, long maxBytes, Fsync fsync, LongSupplier clock) {

    /** Default of {@link #maxBytes()}: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** Default of {@link #fsync()}. */
    public static final Fsync DEFAULT_FSYNC = Fsync.FILE;

    /** Checks every value. */
    public FileTierConfig {
        Objects.requireNonNull(directory, "directory must not be null");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        Objects.requireNonNull(fsync, "fsync must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
    }

    /**
     * @param directory see {@link #directory()}
     * @return a configuration with every other setting at its default
     */
    public static FileTierConfig of(Path directory) {
        return new FileTierConfig(directory, DEFAULT_MAX_BYTES, DEFAULT_FSYNC, System::currentTimeMillis);
    }

    /** @param bytes see {@link #maxBytes()} @return a copy with that bound */
    public FileTierConfig withMaxBytes(long bytes) {
        return new FileTierConfig(directory, bytes, fsync, clock);
    }

    /** @param policy see {@link #fsync()} @return a copy with that policy */
    public FileTierConfig withFsync(Fsync policy) {
        return new FileTierConfig(directory, maxBytes, policy, clock);
    }

    /** @param epochMillis see {@link #clock()} @return a copy with that clock */
    public FileTierConfig withClock(LongSupplier epochMillis) {
        return new FileTierConfig(directory, maxBytes, fsync, epochMillis);
    }

    /**
     * What a write forces to the storage device. Every policy writes a temporary file and renames it over the entry
     * ({@code ATOMIC_MOVE}), so a crash of the process ({@code kill -9}) never leaves a partial entry: the page cache
     * survives it. The policies differ only after a crash of the operating system or a power loss. Whatever the
     * policy, a file that was torn then fails its CRC32C check and is a miss, never a wrong value.
     */
    public enum Fsync {
        /**
         * Nothing is forced. Fastest; after a power loss recent entries may be lost, or found torn and discarded.
         */
        NONE,
        /**
         * The entry's file is forced ({@code FileChannel.force(true)}) before the rename, so the name never points at
         * unwritten data. The directory is not forced: after a power loss the most recent renames and deletions may
         * be undone, which brings back the previous value of a key, no value, or an entry that was deleted (for
         * example invalidated) shortly before. The default.
         */
        FILE,
        /**
         * As {@link #FILE}, and the entry's directory is forced after the rename, so a write that returned survives
         * a power loss, and after each deletion, so a removed (invalidated) entry cannot come back after one. Costs a
         * second {@code fsync} per write and one per deletion. Where the platform cannot force a directory
         * (Windows), that step is skipped.
         */
        FILE_AND_DIRECTORY
    }
}
