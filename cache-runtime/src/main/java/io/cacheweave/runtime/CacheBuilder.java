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
 * time returns the cache built first (its TTL, size and {@link #supporting(String) role} stay), as long as the value
 * type is the same.
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
    private String supports;

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
     * Marks this cache as an internal (supporting) cache of the cache {@code cache}: one that a library keeps to serve
     * another cache (a chat cache's stored questions and their lists, say), not an operation of the application. The
     * monitor still reports it, marked: {@code supports} in the snapshot's operation (JSON, the Actuator endpoint),
     * the attributes {@code Supports} and {@code Internal} of its MBean, the tag {@code internal=true} on its meters;
     * but recommendations and alerts leave it out, the runtime-wide hits and savings count only the application's
     * operations, and the stats page shows it dimmed under the cache it serves.
     *
     * @param cache the name of the cache this one serves (the same rules as a cache name; not this cache's own)
     * @return this builder
     */
    public CacheBuilder<K, V> supporting(String cache) {
        if (cache == null) {
            throw new IllegalArgumentException("supporting: the name of the cache that \"" + name + "\" serves must "
                    + "not be null");
        }
        CacheArguments.requireName(cache);
        if (cache.equals(name)) {
            throw new IllegalArgumentException("supporting: cache \"" + name + "\" cannot serve itself; name the "
                    + "cache it is kept for");
        }
        this.supports = cache;
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
        return runtime.cache(name, valueType, ttl, maximumSize, supports);
    }
}
