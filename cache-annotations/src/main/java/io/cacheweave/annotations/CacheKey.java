package io.cacheweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a {@link Cached} method as part of the key. When at least one parameter is marked and
 * {@link Cached#key()} is empty, the key consists of the marked parameters only, in declaration order; unmarked
 * parameters (a request id, a callback, a clock) then do not distinguish entries.
 *
 * <pre>{@code
 * @Cached(operation = "profile")
 * public Profile profile(@CacheKey long userId, RequestContext context) { ... }
 * }</pre>
 *
 * <p>Using {@code @CacheKey} together with a non-empty {@link Cached#key()} is a compile error: the template
 * already says which parameters are used.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CacheKey {
}
