package io.cacheweave.runtime.codec;

/**
 * How {@link JsonValueCodec} compresses payloads above its threshold. The algorithm is recorded in every stored
 * value, so a codec reads values written with any algorithm whose library is present, whichever one it writes with:
 * the algorithm or level can change from one deploy to the next.
 *
 * <table>
 *   <caption>Algorithms</caption>
 *   <tr><th>algorithm</th><th>levels</th><th>default level</th><th>library</th></tr>
 *   <tr><td>{@link #NONE}</td><td>0</td><td>0</td><td>none</td></tr>
 *   <tr><td>{@link #DEFLATE}</td><td>1-9</td><td>6</td><td>none ({@code java.util.zip})</td></tr>
 *   <tr><td>{@link #ZSTD}</td><td>1-22</td><td>3</td><td>{@code com.github.luben:zstd-jni}, a dependency of
 *       the runtime</td></tr>
 *   <tr><td>{@link #LZ4}</td><td>1-17 (1: the fast compressor, 2-17: LZ4 HC at that level)</td><td>1</td>
 *       <td>{@code at.yawk.lz4:lz4-java} (the continuation of {@code org.lz4:lz4-java}), which the application adds
 *       itself</td></tr>
 * </table>
 */
public enum Compression {
    /** Stored as written. */
    NONE(0, 0, 0, 0, null, null),
    /** A zlib stream (RFC 1950) from {@link java.util.zip.Deflater}. */
    DEFLATE(1, 1, 9, 6, null, null),
    /** A Zstandard frame (RFC 8878). */
    ZSTD(2, 1, 22, 3, "com.github.luben:zstd-jni", "com.github.luben.zstd.Zstd"),
    /** An LZ4 block. */
    LZ4(3, 1, 17, 1, "at.yawk.lz4:lz4-java", "net.jpountz.lz4.LZ4Factory");

    private final int id;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;
    private final String dependency;
    private final String probeClass;

    Compression(int id, int minLevel, int maxLevel, int defaultLevel, String dependency, String probeClass) {
        this.id = id;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
        this.dependency = dependency;
        this.probeClass = probeClass;
    }

    /** @return the lowest level this algorithm accepts */
    public int minLevel() {
        return minLevel;
    }

    /** @return the highest level this algorithm accepts */
    public int maxLevel() {
        return maxLevel;
    }

    /** @return the level used when only the algorithm is given */
    public int defaultLevel() {
        return defaultLevel;
    }

    /** @return the Maven coordinates of the library this algorithm needs, or {@code null} when it needs none */
    public String dependency() {
        return dependency;
    }

    /** The id written into the envelope's flags byte. Never reuse or renumber: stored values carry it. */
    int id() {
        return id;
    }

    /** A class of the library, or {@code null}: present on the class path if and only if the library is. */
    String probeClass() {
        return probeClass;
    }

    /**
     * @param name {@code none}, {@code deflate}, {@code zstd} or {@code lz4}, in any case
     * @return the algorithm of that name
     * @throws IllegalArgumentException when no algorithm has that name
     */
    public static Compression of(String name) {
        for (Compression c : values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression: " + name + "; use none, deflate, zstd or lz4");
    }

    /** @return the algorithm of an envelope id, or {@code null} when no algorithm has that id */
    static Compression ofId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }

    /** @return the lower-case name used in settings and messages: {@code none}, {@code deflate}, {@code zstd}, {@code lz4} */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
