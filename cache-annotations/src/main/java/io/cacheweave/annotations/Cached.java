package io.cacheweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the result of a method: a second call with equal key arguments returns the stored value without running
 * the method body, until the entry's time to live runs out.
 *
 * <pre>{@code
 * @Cached(operation = "summarize", ttl = 7200)
 * public Summary summarize(String text, Options options) { ... }
 * }</pre>
 *
 * <p>The annotation processor ({@code cache-processor}) checks every use at compile time and generates the key
 * builder; the agent ({@code -javaagent:cache-agent.jar}) weaves the method at class-load time. A method compiled
 * without the processor runs uncached, and the agent says so once in the log.
 *
 * <p>Rules checked by the compiler: the method returns a value (not {@code void}), has a body (not abstract, not a
 * constructor), {@link #operation()} is not empty and is used by no other {@code @Cached} method of the same
 * compilation, and every placeholder of {@link #key()} names a parameter or a property of one.
 *
 * <p>What the method throws is never cached. A {@code null} result (or an empty {@code Optional}) is returned but
 * not stored, unless {@link #cacheNull()} says otherwise.
 *
 * <p>Return types: any value type, primitives and arrays; {@code Optional<T>} (the content is cached);
 * {@code CompletableFuture<T>} and {@code CompletionStage<T>} (a hit returns an already completed future, a miss
 * caches the value once the future completes normally, a failed or cancelled future is never cached, and
 * concurrent callers of one cold key share one in-flight future).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Cached {

    /** The {@link #ttl()} value that means "not given here": use the configured TTL. */
    long CONFIGURED_TTL = -1;

    /**
     * The name of the cached operation, such as {@code "summarize"}. It is the first part of every logical key this
     * method stores ({@code summarize:<key parts>}), the name that invalidation patterns and operation-wide
     * invalidation refer to, the name per-operation settings use ({@code cacheweave.ttl.summarize=2h}) and the
     * name statistics are reported under. It must be non-empty, must not contain {@code :}, {@code *}, {@code ?},
     * {@code [}, {@code ]} or {@code \}, and must be unique per method.
     *
     * @return the operation name
     */
    String operation();

    /**
     * Time to live of an entry, in seconds. A negative value (the default) means: the TTL configured for this
     * operation ({@code cacheweave.ttl.<operation>}) if there is one, else the global default
     * ({@code cacheweave.ttl.default}). A configured per-operation TTL also overrides a positive value given here,
     * so a TTL can be changed without a rebuild. Zero is rejected by the compiler.
     *
     * @return seconds an entry lives, or a negative value for the configured TTL
     */
    long ttl() default CONFIGURED_TTL;

    /**
     * Template of the key parts that follow the operation name. Empty (the default) means every parameter in
     * declaration order, or only the parameters marked {@link CacheKey} when any are marked. Otherwise a template
     * of placeholders and literal text, for example {@code "{userId}:{type}"} or {@code "{request.model}"}:
     * a placeholder names a parameter, optionally followed by a property path through record components, getters
     * ({@code getX()}/{@code isX()}) or accessible fields. Literal text may contain letters, digits, {@code :},
     * {@code -}, {@code _}, {@code .}, {@code /}, {@code @}, {@code #} and {@code =}; it may not contain the
     * pattern characters {@code * ? [ ] \}. Unknown placeholders and malformed templates are compile errors.
     *
     * @return the key template, or empty for the default key
     */
    String key() default "";

    /**
     * Tags of each entry, so that {@code @Invalidate(tags = ...)} (or {@code Cacheweave.invalidateTag}) removes
     * every entry carrying one of them, across operations and nodes, in one round trip to Redis whatever its size.
     * Each tag is a template like {@link #key()}: literal text (letters, digits and {@code : _ - . / @ # =}) and
     * placeholders, which must be parts of the key (a tag is a function of the key, so one entry has one set of
     * tags), such as {@code "user:{userId}"}. A placeholder that names no parameter, or a parameter that is not part
     * of the key, is a compile error.
     *
     * @return the tag templates, none by default
     */
    String[] tags() default {};

    /**
     * Whether a {@code null} result (or an empty {@code Optional}) is stored, so that a known-absent value is not
     * recomputed until the TTL runs out. Default {@code false}: absent results are returned and not stored.
     *
     * @return whether absent results are cached
     */
    boolean cacheNull() default false;

    /**
     * Whether a miss takes a distributed lease in the shared tier before loading, so that of several nodes missing
     * the same key at once only one runs the method and the others wait for its value to appear in the shared tier
     * (or load themselves after {@code cacheweave.lease.timeout}). Within one JVM, callers of one key always share a
     * single load; this extends that across nodes. Costs a round trip to Redis per miss; without a shared tier it
     * does nothing. Default {@code false}.
     *
     * @return whether loads of this method are coordinated across nodes
     */
    boolean lease() default false;

    /**
     * Percentage, from 0 to 100, by which each entry's time to live is shortened at random, so that entries written
     * together (a warm-up, a burst after a deploy) do not all expire at the same moment. With {@code jitter = 10}
     * every entry lives between 90% and 100% of the TTL, in the memory tier and in the shared tier. Default 0: every
     * entry lives exactly the TTL. Values outside 0-100 are a compile error.
     *
     * @return the jitter percentage
     */
    int jitter() default 0;

    /**
     * Refresh-ahead, in seconds: once an entry is older than this (but younger than its TTL), the caller gets the
     * stored value at once and one background reload (the method run again with the same arguments, on a runtime
     * thread) replaces it; a reload that fails keeps the old value until its TTL. Negative (the default) means no
     * refresh-ahead. Must be positive and smaller than {@link #ttl()} when that is given; the compiler checks both.
     * A method with refresh-ahead allocates an argument array per call, which other cached methods do not.
     *
     * @return seconds after which a hit triggers a background reload, or a negative value for none
     */
    long refreshAfter() default -1;
}
