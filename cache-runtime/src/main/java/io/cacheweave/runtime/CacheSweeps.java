package io.cacheweave.runtime;

import io.cacheweave.runtime.key.GlobPattern;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * Whole-cache and pattern work of a {@link ProgrammaticCache}: clear, cleanup of expired entries, listing keys and pattern
 * invalidation, on this node's memory tier, the shared tier and (through the runtime's bus) the other nodes'
 * memory tiers. Counts are of distinct entries where the tiers can tell: every write goes to both tiers, so the
 * larger of the memory tier's and the shared tier's counts is reported, not their sum.
 */
final class CacheSweeps {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(CacheSweeps.class);

    private final ProgrammaticCache<?, ?> cache;
    private final int keysLimit;

    CacheSweeps(ProgrammaticCache<?, ?> cache, int keysLimit) {
        this.cache = cache;
        this.keysLimit = keysLimit;
    }

    /** The glob of every logical key of the cache. */
    private String everything() {
        return CacheArguments.escapeGlob(cache.name) + ":*";
    }

    /** Removes every entry of the cache, as {@code @Invalidate(operation = name)} does, through the runtime. */
    long clear(String context) {
        long removed = cache.runtime.invalidateOperation(cache.name, context);
        LOG.info("cacheweave: cleared cache {}: {} entries removed (context: {})", cache.name, removed, context);
        return removed;
    }

    /** Empties this node's memory tier of the cache. @return how many live entries went */
    long clearLocally() {
        return cache.core.clearLocally();
    }

    long cleanupExpired() {
        long before = cache.l1Expired.get();
        cache.core.l1.cleanUp();
        long memory = cache.l1Expired.get() - before;
        long shared = cache.core.shared == null ? 0 : cache.core.shared.cleanupExpired(cache.name, everything());
        return Math.max(memory, shared);
    }

    List<String> keys(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null");
        }
        String rendered = CacheArguments.escaped(prefix); // the prefix as written: "user:" finds user\:1
        TreeSet<String> found = new TreeSet<>();
        long now = cache.core.clock.nanos();
        for (Map.Entry<String, MemoryEntry> e : cache.core.l1.asMap().entrySet()) {
            if (e.getKey().startsWith(rendered) && CacheCore.live(e.getValue(), now)) {
                found.add(CacheArguments.unescaped(e.getKey()));
            }
        }
        if (cache.core.shared != null) {
            String start = cache.name + ":";
            for (String logical : cache.core.shared.keys(cache.name,
                    CacheArguments.escapeGlob(start + rendered) + "*", keysLimit)) {
                found.add(CacheArguments.unescaped(logical.substring(start.length())));
            }
        }
        return found.stream().limit(keysLimit).toList();
    }

    /** @return the glob over logical keys of a pattern over the cache's rendered keys; checks it */
    static GlobPattern compile(String name, String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern must not be null");
        }
        try {
            return GlobPattern.compile(CacheArguments.escapeGlob(name) + ":" + pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pattern must be a well-formed glob: \"" + pattern + "\" ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Removes the matching entries of the cache through the runtime, as a pattern invalidation does. */
    long invalidatePattern(String pattern, String context) {
        GlobPattern glob = compile(cache.name, pattern);
        long removed = cache.runtime.invalidatePattern(glob.toString(), context);
        LOG.info("cacheweave: invalidated {} entries of cache {} matching {} (context: {})", removed, cache.name,
                pattern, context);
        if (removed == 0 && glob.isLiteral()) {
            LOG.info("cacheweave: pattern \"{}\" of cache {} has no wildcard, so it matches the key {} only; for "
                    + "every key that starts with it write \"{}*\", that contains it \"*{}*\"", pattern, cache.name,
                    pattern, pattern, pattern);
        }
        return removed;
    }

    /** @return whether the glob matches exactly one text (it has no wildcard left after its literal prefix) */
    static boolean isLiteral(GlobPattern glob) {
        return glob.isLiteral();
    }

    /**
     * Removes this node's memory-tier entries whose logical key matches; a fully literal glob (one key, as sent
     * for a put or delete on another node) removes that entry without looking at the others.
     *
     * @return how many live entries went
     */
    long invalidateLocally(GlobPattern glob) {
        String start = cache.name + ":";
        String literal = glob.literalPrefix();
        if (isLiteral(glob) && literal.startsWith(start)) {
            MemoryEntry v = cache.core.remove(literal.substring(start.length()));
            return v != null && CacheCore.live(v, cache.core.clock.nanos()) ? 1 : 0;
        }
        return cache.core.removeMatching(glob::matches);
    }
}
