package io.cacheweave.runtime;

import java.lang.reflect.Type;
import java.time.Duration;

/**
 * Defines a programmatic {@link Cache} of a runtime; see {@link CacheRuntime#cacheBuilder(String)}.
 *
 * <pre>{@code
 * Cache<String, Summary> summaries = runtime.<String, Summary>cacheBuilder("summaries")
 *         .valueType(Summary.class)
 *         .ttl(Duration.ofHours(2))
 *         .build();
 * }</pre>
 *
 * <p>The time to live of entries put without one is {@code cacheweave.ttl.<name>} when configured (so it can change
 * without a rebuild), else {@link #ttl(Duration)}, else {@code cacheweave.ttl.default}. Building a name a second
 * time returns the cache built first (its TTL and size stay), as long as the value type is the same.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheBuilder<K, V> {
    private final CacheRuntime runtime;
    private final String name;
    private Type valueType;
    private Duration ttl;
    private long maximumSize;

    CacheBuilder(CacheRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = CacheArguments.requireName(name);
        this.maximumSize = runtime.settings().memory().maxEntries();
    }

    /**
     * @param type the (generic) type of the values, what the shared tier's codec decodes into; required
     * @return this builder
     */
    public CacheBuilder<K, V> valueType(Type type) {
        if (type == null) {
            throw new IllegalArgumentException("valueType must not be null");
        }
        this.valueType = type;
        return this;
    }

    /**
     * @param defaultTtl the time to live of entries put without one, positive; {@code cacheweave.ttl.<name>} wins
     * @return this builder
     */
    public CacheBuilder<K, V> ttl(Duration defaultTtl) {
        this.ttl = CacheArguments.requireTtl(defaultTtl, "ttl");
        return this;
    }

    /**
     * @param entries the most entries this node keeps in memory, at least 1; default {@code cacheweave.l1.max-entries}
     * @return this builder
     */
    public CacheBuilder<K, V> maximumSize(long entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("maximumSize must be at least 1: " + entries);
        }
        this.maximumSize = entries;
        return this;
    }

    /**
     * @return the cache of this name
     * @throws IllegalArgumentException if no value type was given, the name is a {@code @Cached} method's operation,
     *     or the cache already exists with another value type
     */
    public Cache<K, V> build() {
        if (valueType == null) {
            throw new IllegalArgumentException("valueType must be set: cache \"" + name + "\"");
        }
        return runtime.cache(name, valueType, ttl, maximumSize);
    }
}
