package io.cacheweave.runtime.faces;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of the ready-made faces: the data-type TTLs of {@link DataTypeTtls} and {@link HierarchicalKeys}
 * ({@code cacheweave.ttl.type.<data-type>}), the operation TTLs of {@link AiResponseCache}
 * ({@code cacheweave.ai.ttl.<operation>}) and the parallelism of {@link CacheWarmer}
 * ({@code cacheweave.warmup.parallelism}). Loaded with every other setting, from the same sources: part of
 * {@link io.cacheweave.runtime.config.Settings}, {@code settings.faces()}. Immutable: {@link #builder()},
 * {@link #create()} (the defaults), {@link #mutate()}.
 */
public final class FaceSettings {

    private static final FaceSettings DEFAULTS = builder().build();

    private final Map<String, Duration> dataTypeTtls;
    private final Map<String, Duration> aiOperationTtls;
    private final int warmupParallelism;

    private FaceSettings(Builder b) {
        dataTypeTtls = Collections.unmodifiableMap(new TreeMap<>(b.dataTypeTtls));
        aiOperationTtls = Collections.unmodifiableMap(new TreeMap<>(b.aiOperationTtls));
        warmupParallelism = b.warmupParallelism;
    }

    /** @return the defaults */
    public static FaceSettings create() {
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
     * @param dataType a data type, compared lower-cased with {@code _} read as {@code -}
     * @return {@code cacheweave.ttl.type.<data-type>}, configured or built in; empty for other data types
     */
    public Optional<Duration> dataTypeTtl(String dataType) {
        return Optional.ofNullable(dataTypeTtls.get(dataTypeName(dataType)));
    }

    /**
     * @return every data-type TTL, built in or configured, by normalized data type. Built in, after the TTL strategy
     *     of the system the hierarchical key face replaces: {@code system-config} 5 min, {@code rate-limit} 1 min,
     *     {@code prompt-analysis} 1 h, {@code ml-predictions} 2 h, {@code user-preferences} 24 h; other data types
     *     live {@code cacheweave.ttl.default}
     */
    public Map<String, Duration> dataTypeTtls() {
        return dataTypeTtls;
    }

    /**
     * @param operation an operation of the AI response face
     * @return {@code cacheweave.ai.ttl.<operation>}, configured or built in; empty for other operations
     */
    public Optional<Duration> aiOperationTtl(String operation) {
        return Optional.ofNullable(aiOperationTtls.get(operation));
    }

    /**
     * @return every AI-face operation TTL, built in or configured, by operation. Built in, after the AI response
     *     cache the face replaces: {@code summarize} 2 h, {@code sentiment} 24 h, {@code key_points} 2 h,
     *     {@code questions} 1 h, {@code qa} 30 min; other operations live {@code cacheweave.ttl.default}
     */
    public Map<String, Duration> aiOperationTtls() {
        return aiOperationTtls;
    }

    /** @return {@code cacheweave.warmup.parallelism}: keys a warm-up loads at the same time, at most; default 4 */
    public int warmupParallelism() {
        return warmupParallelism;
    }

    /**
     * @param dataType a data type name as written in a setting or a call
     * @return it stripped, lower-cased, with {@code _} turned into {@code -}: the form data types are compared in
     */
    public static String dataTypeName(String dataType) {
        Objects.requireNonNull(dataType, "data type must not be null");
        String name = dataType.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (name.isEmpty()) {
            throw new IllegalArgumentException("data type must not be empty: \"" + dataType + "\"");
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceSettings f && dataTypeTtls.equals(f.dataTypeTtls)
                && aiOperationTtls.equals(f.aiOperationTtls) && warmupParallelism == f.warmupParallelism;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataTypeTtls, aiOperationTtls, warmupParallelism);
    }

    @Override
    public String toString() {
        return "ttl.type=" + dataTypeTtls + ", ai.ttl=" + aiOperationTtls + ", warmup.parallelism="
                + warmupParallelism;
    }

    /** Builds {@link FaceSettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private final Map<String, Duration> dataTypeTtls = new TreeMap<>(Map.of(
                "system-config", Duration.ofMinutes(5),
                "rate-limit", Duration.ofMinutes(1),
                "prompt-analysis", Duration.ofHours(1),
                "ml-predictions", Duration.ofHours(2),
                "user-preferences", Duration.ofHours(24)));
        private final Map<String, Duration> aiOperationTtls = new TreeMap<>(Map.of(
                "summarize", Duration.ofHours(2),
                "sentiment", Duration.ofHours(24),
                "key_points", Duration.ofHours(2),
                "questions", Duration.ofHours(1),
                "qa", Duration.ofMinutes(30)));
        private int warmupParallelism = 4;

        private Builder() {
        }

        private Builder(FaceSettings s) {
            dataTypeTtls.clear();
            dataTypeTtls.putAll(s.dataTypeTtls);
            aiOperationTtls.clear();
            aiOperationTtls.putAll(s.aiOperationTtls);
            warmupParallelism = s.warmupParallelism;
        }

        /**
         * @param dataType a data type, stored normalized ({@link FaceSettings#dataTypeName}) @param ttl its TTL,
         *     positive
         * @return this builder
         */
        public Builder dataTypeTtl(String dataType, Duration ttl) {
            String name = dataTypeName(dataType);
            dataTypeTtls.put(name, positive("ttl.type." + name, ttl));
            return this;
        }

        /** @param operation an AI-face operation @param ttl its TTL, positive @return this builder */
        public Builder aiOperationTtl(String operation, Duration ttl) {
            Objects.requireNonNull(operation, "operation must not be null");
            aiOperationTtls.put(operation, positive("ai.ttl." + operation, ttl));
            return this;
        }

        /** @param parallelism see {@link FaceSettings#warmupParallelism()}, positive @return this builder */
        public Builder warmupParallelism(int parallelism) {
            if (parallelism <= 0) {
                throw new IllegalArgumentException("warmup.parallelism must be positive: " + parallelism);
            }
            this.warmupParallelism = parallelism;
            return this;
        }

        /** @return the settings */
        public FaceSettings build() {
            return new FaceSettings(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, () -> name + " must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
