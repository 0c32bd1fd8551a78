package io.cacheweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Removes cached entries when the annotated method returns normally (not when it throws), from every tier and,
 * where a shared tier is configured, on every node.
 *
 * <pre>{@code
 * @Invalidate(pattern = "summarize:*")
 * public void onModelUpdate() { ... }
 *
 * @Invalidate(pattern = "analysis:*:{userId}")
 * @Invalidate(operation = "profile")
 * public void forget(long userId) { ... }
 * }</pre>
 *
 * <p>Exactly one of {@link #pattern()} and {@link #operation()} must be given; the compiler checks it, and checks
 * that every placeholder names a parameter. Repeatable: each annotation is applied in order.
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
