package io.cacheweave.runtime.config;

import io.cacheweave.runtime.tier.FileTierConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded file tier ({@code cacheweave.file.*}), the shared tier when no Redis is configured. Part of
 * {@link Settings}: {@link Settings#file()}. Immutable: {@link #builder()}, {@link #create()} (the defaults; the
 * size bound is the file tier's own, {@link FileTierConfig#DEFAULT_MAX_BYTES}), {@link #mutate()}.
 */
public final class FileSettings {

    private static final FileSettings DEFAULTS = builder().build();

    private final String directory;
    private final long maxBytes;

    private FileSettings(Builder b) {
        directory = b.directory;
        maxBytes = b.maxBytes;
    }

    /** @return the defaults */
    public static FileSettings create() {
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

    /** @return {@code cacheweave.file.directory}, if configured: the file tier's directory; none by default */
    public Optional<String> directory() {
        return Optional.ofNullable(directory);
    }

    /** @return {@code cacheweave.file.max-bytes}: the file tier's bound on bytes on disk; default 1 GiB */
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileSettings f && Objects.equals(directory, f.directory) && maxBytes == f.maxBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(directory, maxBytes);
    }

    @Override
    public String toString() {
        return "file.directory=" + directory + ", file.max-bytes=" + maxBytes;
    }

    /** Builds {@link FileSettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private String directory;
        private long maxBytes = FileTierConfig.DEFAULT_MAX_BYTES;

        private Builder() {
        }

        private Builder(FileSettings s) {
            directory = s.directory;
            maxBytes = s.maxBytes;
        }

        /** @param directory see {@link FileSettings#directory()}, or {@code null} for none @return this builder */
        public Builder directory(String directory) {
            this.directory = Checks.notBlank("file.directory", directory);
            return this;
        }

        /** @param maxBytes see {@link FileSettings#maxBytes()}, positive @return this builder */
        public Builder maxBytes(long maxBytes) {
            this.maxBytes = Checks.positive("file.max-bytes", maxBytes);
            return this;
        }

        /** @return the settings */
        public FileSettings build() {
            return new FileSettings(this);
        }
    }
}
