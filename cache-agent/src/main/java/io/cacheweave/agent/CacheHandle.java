package io.cacheweave.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter bound to the woven method's handle: the generated key builder's
 * {@code public static final} field ({@code CachedMethod} or {@code InvalidatingMethod}). Reading a static final
 * field is what lets the JIT treat the handle as a constant on the hit path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface CacheHandle {
}
