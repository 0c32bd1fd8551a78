package io.cacheweave.runtime.tier;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of a {@link FileTier}'s directory: where an entry's file lives ({@code <directory>/<h0h1>/<h>}), how it
 * is written (a temporary file, forced as {@link FileTierConfig.Fsync} says, renamed over the entry), read, deleted,
 * and found again at open. No locking and no index here: {@link FileTier} holds the name's stripe lock around every
 * call that touches one entry.
 */
final class EntryDirectory {
    static final String TEMP_SUFFIX = ".tmp";

    /** An entry found on disk at open, with its file's modification time (the order of the rebuilt index). */
    record Found(String name, EntryIndex.Slot slot, long modified) {
    }

    /** What a scan found: the usable entries, oldest first, and how many files it deleted. */
    record Scan(List<Found> entries, int temporary, int dropped) {
    }

    private final Path directory;
    private final FileTierConfig.Fsync fsync;

    EntryDirectory(Path directory, FileTierConfig.Fsync fsync) {
        this.directory = directory;
        this.fsync = fsync;
    }

    Path path(String name) {
        return directory.resolve(name.substring(0, 2)).resolve(name);
    }

    /**
     * @return the entry in the named file, or {@code null} when it is torn or truncated
     * @throws NoSuchFileException when the file is gone
     * @throws IOException when it cannot be read
     */
    EntryFile.Entry read(String name) throws IOException {
        try (FileChannel channel = FileChannel.open(path(name), StandardOpenOption.READ)) {
            return EntryFile.readEntry(channel);
        } catch (EOFException torn) {
            return null;
        }
    }

    /** Writes an entry's file atomically (creating its subdirectory when missing); a failed write leaves no temporary file. */
    void write(String name, ByteBuffer head, byte[] value) throws IOException {
        Path file = path(name);
        try {
            try {
                writeFile(file, head.duplicate(), value);
            } catch (NoSuchFileException missingDirectory) {
                Files.createDirectories(file.getParent());
                if (fsync == FileTierConfig.Fsync.FILE_AND_DIRECTORY) {
                    forceDirectory(directory);
                }
                writeFile(file, head.duplicate(), value);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file.resolveSibling(name + TEMP_SUFFIX));
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void writeFile(Path file, ByteBuffer head, byte[] value) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer[] buffers = {head, ByteBuffer.wrap(value)};
            while (buffers[0].hasRemaining() || buffers[1].hasRemaining()) {
                channel.write(buffers);
            }
            if (fsync != FileTierConfig.Fsync.NONE) {
                channel.force(true);
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync == FileTierConfig.Fsync.FILE_AND_DIRECTORY) {
            forceDirectory(file.getParent());
        }
    }

    /** Deletes an entry's file (forcing its directory when the fsync mode asks, or a power loss could bring it back). */
    void delete(String name) throws IOException {
        Path file = path(name);
        if (Files.deleteIfExists(file) && fsync == FileTierConfig.Fsync.FILE_AND_DIRECTORY) {
            forceDirectory(file.getParent());
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            return; // the platform cannot open a directory (Windows), so it cannot force one either
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Finds the entries on disk, oldest modification first, deleting temporary files (writes a crash interrupted)
     * and expired, misnamed or unreadable entries.
     */
    Scan scan(long now) throws IOException {
        List<Found> found = new ArrayList<>();
        int temporary = 0;
        int dropped = 0;
        try (DirectoryStream<Path> subdirectories = Files.newDirectoryStream(directory)) {
            for (Path sub : subdirectories) {
                String prefix = sub.getFileName().toString();
                if (prefix.length() != 2 || !EntryFile.isName(prefix.repeat(32))
                        || !Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // not ours
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(sub)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(TEMP_SUFFIX)) {
                            Files.deleteIfExists(file);
                            temporary++;
                        } else if (EntryFile.isName(name) && name.startsWith(prefix)) {
                            EntryIndex.Slot slot = indexable(file, name, now);
                            if (slot == null) {
                                Files.deleteIfExists(file);
                                dropped++;
                            } else {
                                found.add(new Found(name, slot, Files.getLastModifiedTime(file).toMillis()));
                            }
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(Found::modified));
        return new Scan(found, temporary, dropped);
    }

    /** @return the index entry of a file, or {@code null} if it is malformed, misnamed or expired */
    private static EntryIndex.Slot indexable(Path file, String name, long now) throws IOException {
        EntryFile.Head head;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            head = EntryFile.readHead(channel);
        } catch (EOFException torn) {
            return null;
        }
        if (head == null || head.expiresAt() <= now || !EntryFile.name(head.key()).equals(name)) {
            return null;
        }
        return new EntryIndex.Slot(head.key(), head.fileLength(), head.expiresAt());
    }
}
