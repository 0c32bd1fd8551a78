package io.cacheweave.runtime.tier;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on a {@link FileTier} directory: an OS file lock ({@link FileChannel#tryLock()}) on the file
 * {@code lock} in it, held until {@link #close()}, with the holder's process id, host and start time written in the
 * file so that a refused process can name it.
 *
 * <p>Within one JVM the directories are also tracked in a set: the JVM may hold one lock per file, and on POSIX
 * systems closing any other channel of the file would drop the lock, so a second open here never touches the file.
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param directory an existing directory, as a real path
     * @return the lock
     * @throws IllegalStateException if another process, or another tier of this one, holds it
     * @throws IOException if the lock file cannot be opened or written
     */
    static DirectoryLock acquire(Path directory) throws IOException {
        if (!HELD.add(directory)) {
            throw inUse(directory, "this process (" + holder() + ")");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // a channel outside this class holds it
            }
            if (lock == null) {
                String other = readHolder(channel);
                throw inUse(directory, other.isEmpty() ? "another process" : "another process (" + other + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new DirectoryLock(directory, channel, lock);
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(directory);
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static IllegalStateException inUse(Path directory, String whom) {
        return new IllegalStateException("file tier directory " + directory + " is in use by " + whom
                + "; only one process at a time may open it (it holds the lock on " + directory.resolve(FILE_NAME)
                + " until it closes the tier or exits)");
    }

    private static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", since " + Instant.now();
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(512);
            channel.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return ""; // some platforms do not let others read a locked file
        }
    }

    /** Releases the lock; the file stays, since removing it could race with a process that opens it now. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(directory);
            }
        }
    }
}
