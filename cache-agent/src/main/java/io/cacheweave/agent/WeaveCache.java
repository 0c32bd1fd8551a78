package io.cacheweave.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * Woven classes kept on disk between runs, so that a JVM started again with the same classes and the same agent
 * reads the woven bytes instead of loading Byte Buddy to weave them again (Byte Buddy is most of the agent's
 * start-up cost). An entry is found by a checksum (CRC-32 and Adler-32, the JDK's native ones) of everything the
 * weaving reads: the agent jar (its length and the checksums of its central directory, which holds the name and
 * CRC of each of its entries), the Java version, the class's bytes, its index entries and its key builders' bytes.
 * The entry holds all of that too and is used only when it matches byte for byte, so a checksum collision costs a
 * weaving, never a wrong class; the woven bytes carry their CRC-32, checked on every read. A class some of whose
 * methods could not be woven is never kept, so its warning is printed at every start.
 *
 * <p>No {@code MessageDigest}: its first use in a JVM loads the JCA provider framework (the {@code Sun} provider,
 * its service table, {@code NativePRNG} and {@code KnownOIDs}, about 60 classes), and hashing the agent jar's 3,000
 * entry names and CRCs with it cost tens of milliseconds of a later start, on the application's main thread.
 *
 * <p>The directory is {@value #PROPERTY} (a system property or agent argument; {@code off} turns the cache off),
 * by default {@code cacheweave-<user>/woven} in {@code java.io.tmpdir}. It is made readable and writable by its
 * owner only, and not used at all (with one warning) when it belongs to another user or others may write to it,
 * since its bytes run as the application's code. Any other failure only costs the weaving it would have saved.
 */
final class WeaveCache {
    /** The system property (or agent argument) naming the directory, or {@code off}. */
    static final String PROPERTY = "cacheweave.agent.weave-cache";
    private static final byte[] MAGIC = "cacheweave-woven-2\n".getBytes(StandardCharsets.US_ASCII);
    /** The end of central directory record's signature, and its size without the comment. */
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_SIZE = 22;

    private final Path directory;
    private final byte[] agentIdentity;

    WeaveCache(Path directory, byte[] agentIdentity) {
        this.directory = directory;
        this.agentIdentity = agentIdentity;
    }

    /** @return the cache the settings ask for, or {@code null} when it is off or cannot be used (reported once) */
    static WeaveCache open(String arguments) {
        String setting = setting(arguments);
        if (setting != null && setting.equalsIgnoreCase("off")) {
            return null;
        }
        List<Path> own;
        if (setting != null && !setting.isBlank()) {
            own = List.of(Path.of(setting).toAbsolutePath());
        } else {
            Path base = Path.of(System.getProperty("java.io.tmpdir"), "cacheweave-"
                    + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_")).toAbsolutePath();
            own = List.of(base, base.resolve("woven"));
        }
        Path directory = own.get(own.size() - 1);
        try {
            byte[] identity = agentIdentity();
            if (identity == null) {
                return null; // the agent runs from a class directory (its own tests): nothing stable to key on
            }
            return new WeaveCache(privateDirectory(own), identity);
        } catch (IOException | RuntimeException e) {
            AgentLog.warn("cannot use " + directory + " to keep woven classes (" + e.getMessage() + "); classes "
                    + "are woven at every start. Fix: make it a directory of this user that only this user may "
                    + "write to, or name another with -D" + PROPERTY + "=<directory> (" + PROPERTY
                    + "=off turns the cache off)");
            return null;
        }
    }

    /** @return the value of {@value #PROPERTY}: an agent argument wins over the system property */
    static String setting(String arguments) {
        if (arguments != null) {
            for (String pair : arguments.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(PROPERTY)) {
                    return pair.substring(eq + 1).trim();
                }
            }
        }
        return System.getProperty(PROPERTY);
    }

    /**
     * @return the key of one class's weaving: everything the weaving reads, in one array; {@code null} when a key
     *     builder cannot be read (no cache then)
     */
    byte[] key(ClassLoader loader, String className, byte[] bytes, List<WeaveIndex.Entry> entries) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length * 2 + 256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            write(out, agentIdentity);
            out.writeUTF(className);
            write(out, bytes);
            out.writeInt(entries.size());
            List<String> holders = new ArrayList<>(2);
            for (WeaveIndex.Entry e : entries) {
                out.writeUTF(e.toString());
                if (!holders.contains(e.holderClass())) {
                    holders.add(e.holderClass());
                }
            }
            for (String holder : holders) {
                try (InputStream in = loader.getResourceAsStream(holder.replace('.', '/') + ".class")) {
                    if (in == null) {
                        return null;
                    }
                    write(out, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            return null;
        }
        return buffer.toByteArray();
    }

    private static void write(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** @return the file name of a key: its CRC-32, Adler-32 and length */
    Path fileOf(byte[] key) {
        Adler32 adler = new Adler32();
        adler.update(key);
        return directory.resolve(hex(crc(key, 0, key.length)) + hex(adler.getValue()) + "-"
                + Integer.toHexString(key.length));
    }

    private static String hex(long unsigned32) {
        String digits = Long.toHexString(unsigned32);
        return "00000000".substring(digits.length()) + digits;
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    /**
     * @return the woven bytes kept under {@code key}, or {@code null} if there are none, they were kept for another
     *     key (a checksum collision), or they are damaged
     */
    byte[] find(byte[] key) {
        Path file = fileOf(key);
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            byte[] stored = Files.readAllBytes(file);
            int keyAt = MAGIC.length + 4;
            int crcAt = keyAt + key.length;
            int start = crcAt + 8;
            if (stored.length <= start || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                    || ByteBuffer.wrap(stored).getInt(MAGIC.length) != key.length
                    || !Arrays.equals(stored, keyAt, crcAt, key, 0, key.length)) {
                return null;
            }
            return ByteBuffer.wrap(stored).getLong(crcAt) == crc(stored, start, stored.length - start)
                    ? Arrays.copyOfRange(stored, start, stored.length) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Keeps {@code woven} under {@code key}: written aside, then moved in, so a reader never sees half a file. */
    void store(byte[] key, byte[] woven) {
        Path file = fileOf(key);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "writing-", ".tmp");
            ByteArrayOutputStream stored = new ByteArrayOutputStream(MAGIC.length + 12 + key.length + woven.length);
            try (DataOutputStream out = new DataOutputStream(stored)) {
                out.write(MAGIC);
                out.writeInt(key.length);
                out.write(key);
                out.writeLong(crc(woven, 0, woven.length));
                out.write(woven);
            }
            Files.write(temporary, stored.toByteArray());
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // a full disk or a read-only directory: the class is woven again next time
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * @param own the directories to make and check, outermost first: the default location's two, or the one named
     * @return the innermost, made if needed, once each is known to be this user's alone (on POSIX file systems)
     */
    private static Path privateDirectory(List<Path> own) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        for (Path dir : own) {
            if (!Files.isDirectory(dir)) {
                createPrivate(dir, posix);
            }
            if (posix) {
                checkPrivate(dir);
            }
        }
        return own.get(own.size() - 1);
    }

    private static void createPrivate(Path dir, boolean posix) throws IOException {
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void checkPrivate(Path dir) throws IOException {
        if (!Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
            throw new IOException(dir + " belongs to " + Files.getOwner(dir).getName() + ", not to "
                    + System.getProperty("user.name"));
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " may be written by others (" + PosixFilePermissions.toString(permissions)
                    + ")");
        }
    }

    /**
     * @return what identifies the agent's weaving: the jar's length, the CRC-32, Adler-32 and length of its central
     *     directory (the name, size and CRC of each of its entries; the whole jar's checksums when the directory
     *     cannot be found), and the Java version; {@code null} when the agent does not run from a jar
     */
    private static byte[] agentIdentity() {
        try {
            var source = WeaveCache.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            File jar = new File(source.getLocation().toURI());
            if (!jar.isFile()) {
                return null;
            }
            byte[] directory = centralDirectory(jar);
            CRC32 crc = new CRC32();
            Adler32 adler = new Adler32();
            if (directory != null) {
                crc.update(directory);
                adler.update(directory);
            } else {
                try (InputStream in = Files.newInputStream(jar.toPath())) {
                    byte[] chunk = new byte[1 << 16];
                    for (int n; (n = in.read(chunk)) > 0; ) {
                        crc.update(chunk, 0, n);
                        adler.update(chunk, 0, n);
                    }
                }
            }
            ByteArrayOutputStream identity = new ByteArrayOutputStream(40);
            try (DataOutputStream out = new DataOutputStream(identity)) {
                out.writeLong(jar.length());
                out.writeLong(crc.getValue());
                out.writeLong(adler.getValue());
                out.writeInt(directory == null ? -1 : directory.length);
                out.writeInt(Runtime.version().feature());
            }
            return identity.toByteArray();
        } catch (URISyntaxException | IOException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /** @return the bytes of the jar's central directory, or {@code null} if it has no plain (non-ZIP64) one */
    static byte[] centralDirectory(File jar) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(jar, "r")) {
            long length = file.length();
            int tail = (int) Math.min(length, END_SIZE + 0xffff);
            byte[] end = new byte[tail];
            file.seek(length - tail);
            file.readFully(end);
            ByteBuffer little = ByteBuffer.wrap(end).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = tail - END_SIZE; at >= 0; at--) {
                if (little.getInt(at) == END_SIGNATURE) {
                    long size = little.getInt(at + 12) & 0xffffffffL;
                    long offset = little.getInt(at + 16) & 0xffffffffL;
                    if (size == 0xffffffffL || offset == 0xffffffffL || offset + size > length) {
                        return null; // ZIP64, or not a directory we understand
                    }
                    byte[] directory = new byte[(int) size];
                    file.seek(offset);
                    file.readFully(directory);
                    return directory;
                }
            }
            return null;
        }
    }
}
