package io.cacheweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Removes cached entries when the annotated method returns normally (not when it throws), or, with
 * {@link #beforeInvocation()}, when it is entered; from every tier and, where a shared tier is configured, on every
 * node.
 *
 * <pre>{@code
 * @Invalidate(pattern = "summarize:*")
 * public void onModelUpdate() { ... }
 *
 * @Invalidate(pattern = "analysis:*:{userId}")
 * @Invalidate(operation = "profile")
 * public void forget(long userId) { ... }
 *
 * @Invalidate(operation = "profile", key = "{userId}", beforeInvocation = true)
 * public void updateProfile(long userId, Profile profile) { ... }
 * }</pre>
 *
 * <p>Exactly one of {@link #pattern()}, {@link #operation()} and {@link #tags()} must be given, and {@link #key()} only together with
 * {@link #operation()}; the compiler checks it, and checks that every placeholder names a parameter. Repeatable: the
 * annotations with {@link #beforeInvocation()} are applied in order on entry, the others in order after a normal
 * return.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Invalidate.List.class)
public @interface Invalidate {

    /**
     * A glob over logical keys ({@code operation:part:part...}). {@code *} matches any run of characters, within
     * a part and across {@code :}; {@code ?} matches one character; {@code [abc]} matches one of a set;
     * {@code \} escapes the next character. Placeholders such as {@code {userId}} or {@code {request.model}} take
     * the call's arguments, rendered exactly as keys render them and escaped, so an argument value can never widen
     * the pattern. Example: {@code "summarize:*"} removes every entry of {@code summarize}.
     *
     * @return the pattern, or empty when {@link #operation()} is used
     */
    String pattern() default "";

    /**
     * The operation whose every entry is removed, such as {@code "summarize"}; the same as the pattern
     * {@code "summarize:*"}.
     *
     * @return the operation name, or empty when {@link #pattern()} is used
     */
    String operation() default "";

    /**
     * The key, after the operation, of the one entry to remove; requires {@link #operation()}. The same template as
     * {@code @Cached.key}, rendered the same way: placeholders such as {@code {userId}} or {@code {request.model}}
     * take the call's arguments, and literal text may hold letters, digits and {@code : _ - . / @ # =}. With
     * {@code operation = "profile", key = "{userId}"}, a call with {@code userId = 42} removes exactly the entry
     * whose logical key is {@code profile:42}, and no other entry of {@code profile}. The compiler warns when the
     * {@code @Cached} method of that operation has keys of another number of parts.
     *
     * @return the key template, or empty to remove every entry of {@link #operation()} (or to use a pattern)
     */
    String key() default "";

    /**
     * Tags whose every entry is removed ({@code @Cached(tags = ...)}), of every operation: one round trip to Redis
     * (the tag's next generation) and one message to the other nodes, whatever the size of Redis. Templates like
     * {@link #key()}, rendered the same way: {@code tags = "user:{userId}"} with {@code userId = 42} removes every
     * entry tagged {@code user:42}.
     *
     * @return the tag templates, or none to use {@link #pattern()} or {@link #operation()}
     */
    String[] tags() default {};

    /**
     * Whether to invalidate when the method is entered, before its body runs, rather than after it returns. Default
     * {@code false}: after a normal return only, so a method that throws removes nothing. With {@code true} the
     * entries are removed before the body runs and whatever way it ends, so a cached read inside the body misses.
     *
     * @return whether to invalidate on entry
     */
    boolean beforeInvocation() default false;

    /**
     * Holds repeated {@link Invalidate} annotations; written by the compiler, not by hand.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        /**
         * The repeated annotations, in source order.
         *
         * @return the annotations
         */
        Invalidate[] value();
    }
}
