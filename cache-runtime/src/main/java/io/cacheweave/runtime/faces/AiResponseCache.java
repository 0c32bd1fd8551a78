package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.KeyWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Caches the responses of a language model by what was asked: the operation ({@code summarize}, {@code qa}, ...),
 * the request text and the request options. Built on one {@link Cache}, so responses go through the engine's tiers,
 * codec and invalidation like any cached value. Thread-safe.
 *
 * <pre>{@code
 * AiResponseCache<Summary> responses = AiResponseCache.create(
 *         Cacheweave.cache("ai-responses", Summary.class), Cacheweave.runtime().settings());
 * Optional<Summary> cached = responses.getCachedResponse(text, "summarize", Map.of("max_length", 100));
 * if (cached.isEmpty()) {
 *     responses.cacheResponse(text, "summarize", Map.of("max_length", 100), model.summarize(text, 100));
 * }
 * }</pre>
 *
 * <h2>Keys</h2>
 * An entry's key is the list {@code [operation, text, options]}, which the cache renders like a list key part of a
 * generated key: {@code [summarize,the text,(max_length=100)]}. The text is escaped, and above
 * {@code cacheweave.key.hash-threshold} characters (1,000 by default) replaced by {@code \#} and its SHA-256; the
 * options are rendered canonically ({@link CanonicalOptions}): key order, the order of sets and the type of a
 * number do not matter, so {@code {a=1,b=2}} and {@code {b=2,a=1L}} are one entry. {@code null} options are the same
 * as none.
 *
 * <h2>TTLs</h2>
 * A response lives {@code cacheweave.ai.ttl.<operation>}; built in: {@code summarize} 2 h, {@code sentiment} 24 h,
 * {@code key_points} 2 h, {@code questions} 1 h, {@code qa} 30 min; any other operation lives
 * {@code cacheweave.ttl.default}. {@link #cacheResponse(String, String, Map, Object, Duration)} overrides it per
 * call.
 *
 * <h2>Statistics</h2>
 * Every read counts a hit or a miss and every write a store, per operation and {@linkplain TextSizeTier text-size
 * tier} of the request text; {@link #stats()} takes a snapshot. A failure of the cache never reaches the caller: a
 * read that fails is a miss, a write that fails is skipped, and both are counted in
 * {@link AiResponseStats#failures()} and logged at WARN. The counters keep one row per operation and tier seen, so
 * operations should be a small, fixed set of names.
 *
 * <p>Bad input ({@code null} text, a {@code null} or empty operation, a {@code null} response, a TTL that is not
 * positive) throws {@link IllegalArgumentException} naming the argument, before the cache is touched.
 *
 * @param <R> the response type
 */
public final class AiResponseCache<R> {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(AiResponseCache.class);

    private final Cache<List<String>, R> cache;
    private final Settings settings;
    private final ConcurrentHashMap<Row, Counters> counters = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();

    private AiResponseCache(Cache<List<String>, R> cache, Settings settings) {
        this.cache = cache;
        this.settings = settings;
    }

    /**
     * @param cache the cache that holds the responses, such as {@code Cacheweave.cache("ai-responses", R.class)}
     * @param settings the runtime's settings: hash threshold, operation TTLs, tier bounds
     * @param <R> the response type
     * @return the face
     */
    public static <R> AiResponseCache<R> create(Cache<List<String>, R> cache, Settings settings) {
        return new AiResponseCache<>(Objects.requireNonNull(cache, "cache must not be null"),
                Objects.requireNonNull(settings, "settings must not be null"));
    }

    /**
     * Stores a response with its operation's TTL.
     *
     * @param text the request text, not null (may be empty)
     * @param operation the operation, not null or empty
     * @param options the request options, {@code null} for none
     * @param response the response, not null
     */
    public void cacheResponse(String text, String operation, Map<String, ?> options, R response) {
        cacheResponse(text, operation, options, response, null);
    }

    /**
     * Stores a response.
     *
     * @param text the request text, not null (may be empty)
     * @param operation the operation, not null or empty
     * @param options the request options, {@code null} for none
     * @param response the response, not null
     * @param ttl how long it lives, positive; {@code null} for the operation's TTL
     */
    public void cacheResponse(String text, String operation, Map<String, ?> options, R response, Duration ttl) {
        List<String> key = key(text, operation, options);
        if (response == null) {
            throw new IllegalArgumentException("response must not be null");
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        Duration effective = ttl != null ? ttl : ttl(operation);
        try {
            cache.put(key, response, effective);
        } catch (IllegalArgumentException e) {
            throw e; // a value the codec cannot write: the caller's mistake, reported as the contract says
        } catch (RuntimeException e) {
            failed("store", operation, e);
            return;
        }
        counters(operation, text).stores.increment();
    }

    /**
     * @param text the request text, not null (may be empty)
     * @param operation the operation, not null or empty
     * @param options the request options, {@code null} for none
     * @return the stored response, empty when there is none (or the cache failed)
     */
    public Optional<R> getCachedResponse(String text, String operation, Map<String, ?> options) {
        List<String> key = key(text, operation, options);
        Counters c = counters(operation, text);
        R response;
        try {
            response = cache.get(key);
        } catch (RuntimeException e) {
            failed("read", operation, e);
            response = null;
        }
        (response != null ? c.hits : c.misses).increment();
        return Optional.ofNullable(response);
    }

    /**
     * Removes every response of one operation, on every tier and node.
     *
     * @param operation the operation, not null or empty
     * @param context why, for the log and the cache's statistics; may be {@code null}
     * @return how many entries the cache reported removed
     */
    public long invalidateOperation(String operation, String context) {
        checkOperation(operation);
        // Keys render "[operation,text,options]": match the list's opening and first item, escaped as in the key.
        String pattern = KeyWriter.forPattern(settings.core().keyHashThreshold()).beginList().value(operation)
                .literal(",*").toString();
        try {
            return cache.invalidatePattern(pattern, context);
        } catch (RuntimeException e) {
            failed("invalidation", operation, e);
            return 0;
        }
    }

    /**
     * Removes every response whose key contains {@code pattern}, as seed 002's
     * {@code invalidate_pattern("sentiment")} does: a bare word (no {@code *}, {@code ?} or {@code [}) matches
     * anywhere in the key, that is in the operation, the request text or the options; a pattern with a wildcard is a
     * glob over the whole rendered key {@code [operation,text,options]}, as {@link Cache#invalidatePattern} takes it.
     * A failure of the cache is counted and logged, and 0 returned.
     *
     * @param pattern a word or a glob, not null or empty
     * @param context why, for the log and the cache's statistics; may be {@code null}
     * @return how many entries the cache reported removed
     * @throws IllegalArgumentException if the pattern is null, empty or a malformed glob
     */
    public long invalidatePattern(String pattern, String context) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("pattern must not be " + (pattern == null ? "null" : "empty: \"\"")
                    + "; write a word that the keys contain (\"sentiment\"), \"*\" for every response, or use "
                    + "invalidateOperation(operation, context)");
        }
        String glob = pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[') ? pattern
                : KeyWriter.forPattern(Integer.MAX_VALUE).literal("*").value(pattern).literal("*").toString();
        io.cacheweave.runtime.key.GlobPattern.compile(glob); // a malformed glob is the caller's mistake: throws
        try {
            return cache.invalidatePattern(glob, context);
        } catch (RuntimeException e) {
            failed("invalidation", pattern, e);
            return 0;
        }
    }

    /**
     * @param operation an operation, not null or empty
     * @return how long its responses live: {@code cacheweave.ai.ttl.<operation>}, else {@code cacheweave.ttl.default}
     */
    public Duration ttl(String operation) {
        checkOperation(operation);
        return settings.faces().aiOperationTtl(operation).orElse(settings.core().defaultTtl());
    }

    /**
     * @param text a request text, not null
     * @return its size tier
     */
    public TextSizeTier tierOf(String text) {
        checkText(text);
        return TextSizeTier.of(text.length(), settings);
    }

    /** @return a snapshot of the counters, rows ordered by operation and tier */
    public AiResponseStats stats() {
        List<AiResponseStats.Row> rows = new ArrayList<>(counters.size());
        counters.forEach((row, c) -> rows.add(new AiResponseStats.Row(row.operation, row.tier, c.hits.sum(),
                c.misses.sum(), c.stores.sum())));
        return new AiResponseStats(rows, failures.sum());
    }

    /** The cache key of a request; validates every argument. */
    List<String> key(String text, String operation, Map<String, ?> options) {
        checkText(text);
        checkOperation(operation);
        return List.of(operation, text, CanonicalOptions.render(options, settings.core().keyHashThreshold()));
    }

    private Counters counters(String operation, String text) {
        return counters.computeIfAbsent(new Row(operation, TextSizeTier.of(text.length(), settings)),
                r -> new Counters());
    }

    private void failed(String what, String operation, RuntimeException e) {
        failures.increment();
        LOG.warn("AI response cache {}: {} for operation {} failed, going on without the cache: {}", cache.name(),
                what, operation, e.toString());
    }

    private static void checkText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
    }

    private static void checkOperation(String operation) {
        if (operation == null) {
            throw new IllegalArgumentException("operation must not be null");
        }
        if (operation.isEmpty()) {
            throw new IllegalArgumentException("operation must not be empty: \"\"");
        }
    }

    private record Row(String operation, TextSizeTier tier) {
    }

    private static final class Counters {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder stores = new LongAdder();
    }
}
