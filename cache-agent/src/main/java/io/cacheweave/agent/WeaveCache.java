package io.cacheweave.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Woven classes kept on disk between runs, so that a JVM started again with the same classes and the same agent
 * reads the woven bytes instead of loading Byte Buddy to weave them again (Byte Buddy is most of the agent's
 * start-up cost). An entry is found by the SHA-256 of everything the weaving reads: the agent jar (the name and CRC
 * of each of its entries), the Java version, the class's bytes, its index entries and its key builders' bytes; it holds the woven bytes and
 * their SHA-256, checked on every read. A class some of whose methods could not be woven is never kept, so its
 * warning is printed at every start.
 *
 * <p>The directory is {@value #PROPERTY} (a system property or agent argument; {@code off} turns the cache off),
 * by default {@code cacheweave-<user>/woven} in {@code java.io.tmpdir}. It is made readable and writable by its
 * owner only, and not used at all (with one warning) when it belongs to another user or others may write to it,
 * since its bytes run as the application's code. Any other failure only costs the weaving it would have saved.
 */
final class WeaveCache {
    /** The system property (or agent argument) naming the directory, or {@code off}. */
    static final String PROPERTY = "cacheweave.agent.weave-cache";
    private static final byte[] MAGIC = "cacheweave-woven-1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;

    private final Path directory;
    private final byte[] agentIdentity;

    private WeaveCache(Path directory, byte[] agentIdentity) {
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

    /** @return the key of one class's weaving; {@code null} when a key builder cannot be read (no cache then) */
    byte[] key(ClassLoader loader, String className, byte[] bytes, List<WeaveIndex.Entry> entries) {
        MessageDigest sha = sha256();
        sha.update(agentIdentity);
        sha.update(className.getBytes(StandardCharsets.UTF_8));
        sha.update(bytes);
        for (WeaveIndex.Entry e : entries) {
            sha.update(e.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (String holder : entries.stream().map(WeaveIndex.Entry::holderClass).distinct().toList()) {
            try (InputStream in = loader.getResourceAsStream(holder.replace('.', '/') + ".class")) {
                if (in == null) {
                    return null;
                }
                sha.update(in.readAllBytes());
            } catch (IOException e) {
                return null;
            }
        }
        return sha.digest();
    }

    /** @return the woven bytes kept under {@code key}, or {@code null} if there are none or they are damaged */
    byte[] find(byte[] key) {
        Path file = directory.resolve(HexFormat.of().formatHex(key));
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            byte[] stored = Files.readAllBytes(file);
            int start = MAGIC.length + DIGEST;
            if (stored.length <= start || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                return null;
            }
            byte[] woven = Arrays.copyOfRange(stored, start, stored.length);
            return Arrays.equals(sha256().digest(woven), 0, DIGEST, stored, MAGIC.length, start) ? woven : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Keeps {@code woven} under {@code key}: written aside, then moved in, so a reader never sees half a file. */
    void store(byte[] key, byte[] woven) {
        Path file = directory.resolve(HexFormat.of().formatHex(key));
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "writing-", ".tmp");
            byte[] stored = new byte[MAGIC.length + DIGEST + woven.length];
            System.arraycopy(MAGIC, 0, stored, 0, MAGIC.length);
            System.arraycopy(sha256().digest(woven), 0, stored, MAGIC.length, DIGEST);
            System.arraycopy(woven, 0, stored, MAGIC.length + DIGEST, woven.length);
            Files.write(temporary, stored);
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
     * @return what identifies the agent's weaving: the CRC and name of every entry of its jar (read from the jar's
     *     directory, not its contents), and the Java version; {@code null} when the agent does not run from a jar
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
            MessageDigest sha = sha256();
            try (JarFile file = new JarFile(jar, false)) {
                for (var entries = file.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    sha.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                    long crc = entry.getCrc();
                    for (int i = 0; i < 8; i++) {
                        sha.update((byte) (crc >>> (8 * i)));
                    }
                }
            }
            sha.update(Integer.toString(Runtime.version().feature()).getBytes(StandardCharsets.US_ASCII));
            return sha.digest();
        } catch (URISyntaxException | IOException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
