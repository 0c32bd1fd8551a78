package io.cacheweave.runtime.tier;

import io.cacheweave.runtime.key.GlobPattern;
import io.cacheweave.runtime.tier.EntryIndex.Named;
import io.cacheweave.runtime.tier.EntryIndex.Slot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The shared tier on local files: for one machine with no Redis, it keeps encoded values across restarts of the
 * JVM. It stores what {@link RedisTier} would (the caller's encoded bytes under physical keys), with the same time
 * to live rules.
 *
 * <ul>
 *   <li><b>Layout.</b> Each entry is one file, {@code <directory>/<h0h1>/<h>}, where {@code h} is the lower-case hex
 *       SHA-256 of the key's UTF-8 bytes and {@code h0h1} its first two characters (256 subdirectories). No key,
 *       whatever its length or content ({@code ../../etc/passwd}), names a path outside the directory. The file
 *       holds a header (magic, version, absolute expiry in epoch milliseconds, lengths, CRC32C), the key itself and
 *       the value; see {@code EntryFile}. A read compares the stored key with the asked one, so a hash collision is
 *       a miss, never another key's value.</li>
 *   <li><b>Writes</b> go to {@code <h>.tmp} in the same subdirectory, are forced according to
 *       {@link FileTierConfig.Fsync} (by default the file, not the directory), then renamed over the entry with
 *       {@code ATOMIC_MOVE}. A crash at any point leaves the old entry, the new one, or (after a power loss without
 *       fsync) a torn file that fails its checksum: a torn, truncated or corrupt file is a miss and is deleted, and
 *       leftover temporary files are deleted at open.</li>
 *   <li><b>Expiry.</b> {@link StoredValue#remainingMillis()} is the stored deadline minus the clock; an expired
 *       entry is never served and is deleted when it is read, at open, by {@link #cleanupExpired()}, or by
 *       eviction.</li>
 *   <li><b>Bound.</b> The files' total length stays at most {@link FileTierConfig#maxBytes()}: an in-memory index
 *       (file name, key, length, expiry, in least-recently-used order) is rebuilt at open from the files' headers,
 *       ordered by their modification times. When a write goes over the bound, expired entries go first (this scan
 *       runs at most once a second), then the least recently used ones, until the total is within the bound. A
 *       value whose file alone is larger than the bound is not stored (and the key's previous value is
 *       removed).</li>
 *   <li><b>Concurrency.</b> Thread-safe: operations on one file name are serialized by one of 256 striped locks;
 *       the index has its own short lock. One process at a time may open a directory: {@link #open} holds an OS
 *       lock on {@code <directory>/lock} until {@link #close()}, and a second process (or a second tier in this
 *       process) is refused with an {@link IllegalStateException} naming the directory and the holder.</li>
 *   <li><b>Errors.</b> I/O failures, and calls after {@link #close()}, throw {@link TierException}; bad arguments
 *       throw {@link NullPointerException} or {@link IllegalArgumentException}, as {@link RedisTier} does. Wrap the
 *       tier in a {@link GuardedTier} so callers never see either.</li>
 * </ul>
 *
 * <p>{@code getAll} and {@code putAll} are plain loops (there are no round trips to save); {@code deleteMatching},
 * {@code keys} and {@code cleanupExpired(glob)} match the glob ({@link GlobPattern}, Redis semantics) against the
 * keys held in the index; {@code remainingMillis} reads the index alone; {@code extendTtl} rewrites the entry's file
 * with the later expiry (temporary file and rename, as every write) under the entry's lock.
 */
public final class FileTier implements SharedTier {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(FileTier.class);
    private static final int STRIPES = 256;
    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    private final FileTierConfig config;
    private final Path directory;
    private final LongSupplier clock;
    private final DirectoryLock lock;
    private final EntryDirectory files;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final EntryIndex index = new EntryIndex();
    private final Object evictionLock = new Object();
    private long lastSweep = Long.MIN_VALUE; // guarded by evictionLock
    private final LongAdder discarded = new LongAdder();
    private final LogLimiter logLimiter = new LogLimiter(TimeUnit.SECONDS.toNanos(10));
    private volatile boolean closed;

    private FileTier(FileTierConfig config, Path directory, DirectoryLock lock) {
        this.config = config;
        this.directory = directory;
        this.clock = config.clock();
        this.lock = lock;
        this.files = new EntryDirectory(directory, config.fsync());
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Opens a tier with the default fsync policy and the wall clock; see {@link #open(FileTierConfig)}.
     *
     * @param directory where the entries are kept; created if missing
     * @param maxBytes the most bytes the entry files may take together; at least 1
     * @return the open tier; close it to let another process open the directory
     */
    public static FileTier open(Path directory, long maxBytes) {
        return open(FileTierConfig.of(directory).withMaxBytes(maxBytes));
    }

    /**
     * Creates the directory if needed, takes its lock, deletes leftover temporary files and expired or unreadable
     * entries, indexes the others and evicts down to the bound.
     *
     * @param config where and how
     * @return the open tier; close it to let another process open the directory
     * @throws IllegalStateException if another process (or another open tier of this process) holds the directory
     * @throws TierException if the directory cannot be created, locked or read
     */
    public static FileTier open(FileTierConfig config) {
        Objects.requireNonNull(config, "config must not be null");
        Path directory;
        DirectoryLock lock;
        try {
            Files.createDirectories(config.directory());
            directory = config.directory().toRealPath();
            lock = DirectoryLock.acquire(directory);
        } catch (IOException e) {
            throw new TierException("cannot open file tier directory " + config.directory() + ": " + e, e);
        }
        FileTier tier = new FileTier(config, directory, lock);
        try {
            tier.load();
            tier.evictIfOver();
            return tier;
        } catch (IOException | RuntimeException e) {
            tier.close();
            throw e instanceof TierException t ? t
                    : new TierException("cannot read file tier directory " + directory + ": " + e, e);
        }
    }

    /** @return the directory, as a real path */
    public Path directory() {
        return directory;
    }

    /** @return the configuration it was opened with */
    public FileTierConfig config() {
        return config;
    }

    /** @return how many entries are stored (expired ones not yet removed included) */
    public int size() {
        return index.size();
    }

    /** @return the total length of the entry files */
    public long bytes() {
        return index.bytes();
    }

    /** @return how many files were found torn, truncated or corrupt on reads, and deleted, since open */
    public long discarded() {
        return discarded.sum();
    }

    @Override
    public StoredValue get(String key) {
        Objects.requireNonNull(key, "key must not be null");
        String name = EntryFile.name(key);
        ReentrantLock stripe = lockStripe(name);
        try {
            return read(name, key);
        } finally {
            stripe.unlock();
        }
    }

    @Override
    public Map<String, StoredValue> getAll(List<String> keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        Map<String, StoredValue> found = new LinkedHashMap<>();
        for (String key : keys) {
            StoredValue v = get(Objects.requireNonNull(key, "keys must not contain null"));
            if (v != null) {
                found.put(key, v);
            }
        }
        return found;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        long expiresAt = expiresAt(ttl);
        write(key, value, expiresAt);
        evictIfOver();
    }

    @Override
    public void putAll(Map<String, byte[]> values, Duration ttl) {
        Objects.requireNonNull(values, "values must not be null");
        long expiresAt = expiresAt(ttl);
        TierException failure = null;
        try {
            for (Map.Entry<String, byte[]> e : values.entrySet()) {
                String key = Objects.requireNonNull(e.getKey(), "keys must not be null");
                byte[] value = Objects.requireNonNull(e.getValue(), () -> "value of " + key + " must not be null");
                try {
                    write(key, value, expiresAt);
                } catch (TierException t) {
                    if (failure == null) {
                        failure = t;
                    } else {
                        failure.addSuppressed(t);
                    }
                }
            }
        } finally {
            evictIfOver();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public long delete(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        long removed = 0;
        for (String key : keys) {
            String name = EntryFile.name(Objects.requireNonNull(key, "keys must not contain null"));
            ReentrantLock stripe = lockStripe(name);
            try {
                Slot slot = index.get(name);
                if (slot != null && slot.key.equals(key) && drop(name, slot) && slot.expiresAt > clock.getAsLong()) {
                    removed++;
                }
            } finally {
                stripe.unlock();
            }
        }
        return removed;
    }

    @Override
    public long deleteMatching(String glob) {
        Objects.requireNonNull(glob, "glob must not be null");
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("glob must not be empty");
        }
        GlobPattern pattern = GlobPattern.compile(glob);
        requireOpen();
        long removed = 0;
        for (Named n : index.snapshot()) {
            if (pattern.matches(n.slot().key) && remove(n) && n.slot().expiresAt > clock.getAsLong()) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public long remainingMillis(String key) {
        Objects.requireNonNull(key, "key must not be null");
        requireOpen();
        Slot slot = index.get(EntryFile.name(key));
        long left = slot == null || !slot.key.equals(key) ? 0 : slot.expiresAt - clock.getAsLong();
        return left > 0 ? left : ABSENT;
    }

    /** Rewrites the entry's file with the later expiry (atomically, as every write), under the entry's lock. */
    @Override
    public boolean extendTtl(String key, Duration extra) {
        Objects.requireNonNull(key, "key must not be null");
        long extraMillis = expiresAt(extra) - clock.getAsLong();
        String name = EntryFile.name(key);
        ReentrantLock stripe = lockStripe(name);
        try {
            Slot slot = index.get(name);
            if (slot == null || !slot.key.equals(key) || slot.expiresAt <= clock.getAsLong()) {
                return false;
            }
            StoredValue current = read(name, key);
            if (current == null) {
                return false; // torn or gone: read() dropped it
            }
            long expiresAt = slot.expiresAt + extraMillis;
            write(key, current.bytes(), expiresAt < slot.expiresAt ? Long.MAX_VALUE : expiresAt);
            return true;
        } finally {
            stripe.unlock();
        }
    }

    @Override
    public List<String> keys(String glob, int limit) {
        Objects.requireNonNull(glob, "glob must not be null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        GlobPattern pattern = GlobPattern.compile(glob);
        requireOpen();
        long now = clock.getAsLong();
        List<String> found = new ArrayList<>();
        for (Named n : index.snapshot()) {
            if (n.slot().expiresAt > now && pattern.matches(n.slot().key)) {
                found.add(n.slot().key);
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public long cleanupExpired(String glob) {
        GlobPattern pattern = GlobPattern.compile(Objects.requireNonNull(glob, "glob must not be null"));
        requireOpen();
        long now = clock.getAsLong();
        long removed = 0;
        for (Named n : index.snapshot()) {
            if (n.slot().expiresAt <= now && pattern.matches(n.slot().key) && remove(n)) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Deletes every entry whose time to live has run out.
     *
     * @return how many were deleted
     * @throws TierException if a file cannot be deleted, or the tier is closed
     */
    public int cleanupExpired() {
        requireOpen();
        return removeExpired(clock.getAsLong());
    }

    /**
     * Deletes every entry, expired or not.
     *
     * @return how many were deleted
     * @throws TierException if a file cannot be deleted, or the tier is closed
     */
    public int clear() {
        requireOpen();
        int removed = 0;
        for (Named n : index.snapshot()) {
            if (remove(n)) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Waits for the operations under way, then releases the directory's lock; the files stay. Later calls throw
     * {@link TierException}. Idempotent; never throws.
     */
    @Override
    public void close() {
        for (ReentrantLock stripe : stripes) {
            stripe.lock();
        }
        try {
            if (closed) {
                return;
            }
            closed = true;
            lock.close();
        } catch (IOException e) {
            LOG.warn("cacheweave: releasing the lock of file tier {} failed", directory, e);
        } finally {
            for (ReentrantLock stripe : stripes) {
                stripe.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "FileTier[" + directory + ", " + size() + " entries, " + bytes() + " of " + config.maxBytes()
                + " bytes, fsync " + config.fsync() + (closed ? ", closed" : "") + "]";
    }

    // ---- reading and writing one entry; the caller holds the name's stripe lock ----

    private StoredValue read(String name, String key) {
        Slot slot = index.get(name); // counts as a use
        if (slot == null || !slot.key.equals(key)) {
            return null; // the index is authoritative: this process alone writes the directory
        }
        long now = clock.getAsLong();
        if (slot.expiresAt <= now) {
            drop(name, slot);
            return null;
        }
        Path file = files.path(name);
        EntryFile.Entry entry;
        try {
            entry = files.read(name); // null: torn or truncated
        } catch (NoSuchFileException gone) {
            drop(name, slot); // deleted behind our back
            return null;
        } catch (IOException e) {
            throw new TierException("cannot read file tier entry " + file + ": " + e, e);
        }
        if (entry == null || !entry.head().key().equals(key) || entry.head().expiresAt() != slot.expiresAt) {
            discarded.increment();
            long suppressed = logLimiter.tryAcquire();
            if (suppressed >= 0) {
                LOG.warn("cacheweave: file tier entry {} is torn or corrupt; deleted, read as a miss ({} similar "
                        + "messages suppressed)", file, suppressed);
            }
            drop(name, slot);
            return null;
        }
        return new StoredValue(entry.value(), slot.expiresAt - now);
    }

    private void write(String key, byte[] value, long expiresAt) {
        String name = EntryFile.name(key);
        byte[] keyBytes = EntryFile.keyBytes(key);
        long length = EntryFile.length(keyBytes, value);
        ReentrantLock stripe = lockStripe(name);
        try {
            Slot old = index.get(name);
            if (length > config.maxBytes()) {
                if (old != null) {
                    drop(name, old); // the new value supersedes it, so the old one must not be served
                }
                LOG.debug("cacheweave: file tier entry of {} bytes exceeds the bound of {} bytes; not stored", length,
                        config.maxBytes());
                return;
            }
            try {
                files.write(name, EntryFile.head(key, keyBytes, expiresAt, value), value);
            } catch (IOException | RuntimeException e) {
                TierException failure = new TierException("cannot write file tier entry " + files.path(name) + ": "
                        + e, e);
                try {
                    if (old != null) {
                        drop(name, old); // better no value than a stale one
                    }
                } catch (RuntimeException suppressed) {
                    failure.addSuppressed(suppressed);
                }
                throw failure;
            }
            index.put(name, new Slot(key, length, expiresAt));
        } finally {
            stripe.unlock();
        }
    }

    /**
     * Removes an entry from the index if it is still {@code slot}, then deletes its file. The caller holds the
     * name's stripe lock.
     *
     * @return whether it was still there
     */
    private boolean drop(String name, Slot slot) {
        if (!index.remove(name, slot)) {
            return false;
        }
        try {
            files.delete(name);
        } catch (IOException e) {
            throw new TierException("cannot delete file tier entry " + files.path(name) + ": " + e, e);
        }
        return true;
    }

    private boolean remove(Named n) {
        ReentrantLock stripe = lockStripe(n.name());
        try {
            return drop(n.name(), n.slot());
        } finally {
            stripe.unlock();
        }
    }

    // ---- bound and expiry ----

    private int removeExpired(long now) {
        int removed = 0;
        for (Named n : index.snapshot()) {
            if (n.slot().expiresAt <= now && remove(n)) {
                removed++;
            }
        }
        return removed;
    }

    private void evictIfOver() {
        if (bytes() <= config.maxBytes()) {
            return;
        }
        synchronized (evictionLock) {
            long now = clock.getAsLong();
            boolean sweep = lastSweep == Long.MIN_VALUE || now - lastSweep >= SWEEP_INTERVAL_MILLIS;
            if (sweep && bytes() > config.maxBytes()) {
                lastSweep = now;
                removeExpired(now);
            }
            while (bytes() > config.maxBytes() && !closed) {
                Named eldest = index.eldest();
                if (eldest == null) {
                    return;
                }
                try {
                    remove(eldest);
                } catch (TierException e) {
                    LOG.warn("cacheweave: evicting a file tier entry failed", e); // it left the index all the same
                }
            }
        }
    }

    // ---- opening ----

    /** Indexes the entries on disk, oldest modification first, deleting temporary, expired and unreadable files. */
    private void load() throws IOException {
        EntryDirectory.Scan scan = files.scan(clock.getAsLong());
        for (EntryDirectory.Found f : scan.entries()) {
            index.put(f.name(), f.slot());
        }
        LOG.info("cacheweave: file tier {} opened with {} entries ({} bytes, bound {}); removed {} expired or "
                + "unreadable entries and {} temporary files", directory, scan.entries().size(), bytes(),
                config.maxBytes(), scan.dropped(), scan.temporary());
    }

    // ---- helpers ----

    private ReentrantLock lockStripe(String name) {
        ReentrantLock stripe = stripes[Integer.parseInt(name, 0, 2, 16)];
        stripe.lock();
        if (closed) {
            stripe.unlock();
            throw closedException();
        }
        return stripe;
    }

    private void requireOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private TierException closedException() {
        return new TierException("file tier " + directory + " is closed");
    }

    private long expiresAt(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl must not be null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        long millis;
        try {
            millis = Math.max(1, ttl.toMillis());
        } catch (ArithmeticException e) {
            millis = Long.MAX_VALUE;
        }
        long now = clock.getAsLong();
        long at = now + millis;
        return at < now ? Long.MAX_VALUE : at; // saturate on overflow
    }
}
