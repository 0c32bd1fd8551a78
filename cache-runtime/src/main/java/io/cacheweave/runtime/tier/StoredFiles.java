package io.cacheweave.runtime.tier;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads the entries of a {@link FileTier} directory without opening the tier: no lock taken, nothing created,
 * written or deleted, so it may run beside the process that uses the directory (an entry being replaced at that
 * moment reads as the old or the new file; a rename is atomic). For operators' inspection; the tier itself never
 * uses it.
 */
public final class StoredFiles {
    private static final String LOCK = "lock";

    private StoredFiles() {
    }

    /**
     * One file of the directory.
     *
     * @param file the file
     * @param key the entry's key (its physical key, {@code <namespace>:v<schema>:<logical key>}), or {@code null}
     *     when the file cannot be read as an entry
     * @param expiresAtMillis the entry's deadline, epoch milliseconds ({@link Long#MAX_VALUE}: none)
     * @param value the stored bytes (the codec's envelope), or {@code null} when the file cannot be read
     * @param problem why the file is not an entry, or {@code null}
     */
    public record StoredFile(Path file, String key, long expiresAtMillis, byte[] value, String problem) {
    }

    /**
     * @param directory a file tier's directory
     * @return every file in its 256 subdirectories, entries sorted by key, then files that are not entries (torn,
     *     corrupt, left-over temporary files, foreign files), each with the problem named
     * @throws IOException if the directory cannot be listed
     */
    public static List<StoredFile> read(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory must not be null");
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        List<StoredFile> out = new ArrayList<>();
        try (DirectoryStream<Path> top = Files.newDirectoryStream(directory)) {
            for (Path sub : top) {
                String name = sub.getFileName().toString();
                if (name.equals(LOCK)) {
                    continue;
                }
                if (!Files.isDirectory(sub) || !name.matches("[0-9a-f]{2}")) {
                    out.add(new StoredFile(sub, null, 0, null, "not part of a file tier (no entry lives here)"));
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(sub)) {
                    for (Path file : files) {
                        out.add(readOne(file));
                    }
                }
            }
        }
        out.sort(Comparator.comparing((StoredFile f) -> f.key() == null)
                .thenComparing(f -> f.key() == null ? f.file().toString() : f.key()));
        return out;
    }

    private static StoredFile readOne(Path file) {
        String name = file.getFileName().toString();
        if (!EntryFile.isName(name)) {
            return new StoredFile(file, null, 0, null, name.endsWith(".tmp")
                    ? "a temporary file left by an interrupted write (the tier deletes it when it opens)"
                    : "not an entry file: its name is not the SHA-256 of a key");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            EntryFile.Entry entry = EntryFile.readEntry(channel);
            if (entry == null) {
                return new StoredFile(file, null, 0, null,
                        "torn, truncated or corrupt (header or checksum does not match); the tier treats it as a miss");
            }
            if (!EntryFile.name(entry.head().key()).equals(name)) {
                return new StoredFile(file, entry.head().key(), entry.head().expiresAt(), null,
                        "holds a key whose SHA-256 is not its name; the tier never serves it");
            }
            return new StoredFile(file, entry.head().key(), entry.head().expiresAt(), entry.value(), null);
        } catch (IOException e) {
            return new StoredFile(file, null, 0, null, "cannot be read: " + e);
        }
    }
}
