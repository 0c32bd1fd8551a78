package io.cacheweave.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter bound to the last parameter of a woven Kotlin suspend function, its
 * {@code kotlin.coroutines.Continuation} (writable: a load runs the body with the runtime's continuation instead of
 * the caller's). Bound by {@link AdviceFactory}, since its index depends on the method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface SuspendCompletion {
}
