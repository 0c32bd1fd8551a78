package io.cacheweave.runtime.config;

import io.cacheweave.runtime.codec.JsonValueCodec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How values are encoded for the shared tier ({@code cacheweave.compression.*}, {@code cacheweave.codec.*}). Part of
 * {@link Settings}: {@link Settings#codec()}. Immutable: {@link #builder()}, {@link #create()} (the defaults, the
 * codec's own: {@link JsonValueCodec#DEFAULT_ALGORITHM}, {@link JsonValueCodec#DEFAULT_THRESHOLD},
 * {@link JsonValueCodec#DEFAULT_MAX_DECODED_BYTES}), {@link #mutate()}.
 */
public final class CodecSettings {

    /** The most {@link #maxDecodedBytes()} allows: 256 MiB. */
    static final int MAX_DECODED_BYTES_LIMIT = 256 << 20;

    private static final CodecSettings DEFAULTS = builder().build();

    private final String compression;
    private final int compressionLevel;
    private final int compressionThreshold;
    private final int maxDecodedBytes;

    private CodecSettings(Builder b) {
        compression = b.compression;
        compressionLevel = b.compressionLevel;
        compressionThreshold = b.compressionThreshold;
        maxDecodedBytes = b.maxDecodedBytes;
    }

    /** @return the defaults */
    public static CodecSettings create() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder mutate() {
        return new Builder(this);
    }

    /**
     * @return {@code cacheweave.compression.algorithm}: {@code zstd}, {@code deflate}, {@code lz4} or {@code none};
     *     default {@code zstd}, the best ratio for its speed measured here (README)
     */
    public String compression() {
        return compression;
    }

    /** @return {@code cacheweave.compression.level}, if configured; else the algorithm's default applies */
    public OptionalInt compressionLevel() {
        return compressionLevel == 0 ? OptionalInt.empty() : OptionalInt.of(compressionLevel);
    }

    /**
     * @return {@code cacheweave.compression.threshold}: encoded values longer than this many bytes are compressed;
     *     default 1024
     */
    public int compressionThreshold() {
        return compressionThreshold;
    }

    /**
     * @return {@code cacheweave.codec.max-decoded-bytes}: the most bytes one stored value may decompress to (its
     *     JSON); a larger one is a miss, found out while decompressing, and a larger result is not stored; default
     *     16 MiB
     */
    public int maxDecodedBytes() {
        return maxDecodedBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecSettings c && compression.equals(c.compression)
                && compressionLevel == c.compressionLevel && compressionThreshold == c.compressionThreshold
                && maxDecodedBytes == c.maxDecodedBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(compression, compressionLevel, compressionThreshold, maxDecodedBytes);
    }

    @Override
    public String toString() {
        return "compression=" + compression + (compressionLevel == 0 ? "" : "/" + compressionLevel)
                + ", compression.threshold=" + compressionThreshold + ", codec.max-decoded-bytes=" + maxDecodedBytes;
    }

    /** Builds {@link CodecSettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private String compression = JsonValueCodec.DEFAULT_ALGORITHM.toString();
        private int compressionLevel;
        private int compressionThreshold = JsonValueCodec.DEFAULT_THRESHOLD;
        private int maxDecodedBytes = JsonValueCodec.DEFAULT_MAX_DECODED_BYTES;

        private Builder() {
        }

        private Builder(CodecSettings s) {
            compression = s.compression;
            compressionLevel = s.compressionLevel;
            compressionThreshold = s.compressionThreshold;
            maxDecodedBytes = s.maxDecodedBytes;
        }

        /** @param algorithm see {@link CodecSettings#compression()}, in any case @return this builder */
        public Builder compression(String algorithm) {
            String name = Objects.requireNonNull(algorithm, "compression must not be null").strip()
                    .toLowerCase(Locale.ROOT);
            if (!List.of("zstd", "deflate", "lz4", "none").contains(name)) {
                throw new IllegalArgumentException("compression must be zstd, deflate, lz4 or none: " + algorithm);
            }
            this.compression = name;
            return this;
        }

        /** @param level see {@link CodecSettings#compressionLevel()}, positive @return this builder */
        public Builder compressionLevel(int level) {
            this.compressionLevel = Checks.positive("compression.level", level);
            return this;
        }

        /** @param bytes see {@link CodecSettings#compressionThreshold()}, positive @return this builder */
        public Builder compressionThreshold(int bytes) {
            this.compressionThreshold = Checks.positive("compression.threshold", bytes);
            return this;
        }

        /** @param bytes see {@link CodecSettings#maxDecodedBytes()}, 1 to 256 MiB @return this builder */
        public Builder maxDecodedBytes(int bytes) {
            if (bytes > MAX_DECODED_BYTES_LIMIT) {
                throw new IllegalArgumentException("codec.max-decoded-bytes must be at most 268435456 (256 MiB): "
                        + bytes);
            }
            this.maxDecodedBytes = Checks.positive("codec.max-decoded-bytes", bytes);
            return this;
        }

        /** @return the settings */
        public CodecSettings build() {
            return new CodecSettings(this);
        }
    }
}
