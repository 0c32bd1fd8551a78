/**
 * Kotlin {@code suspend} functions with {@code @Cached} or {@code @Invalidate}. Not API: the woven code reaches it
 * through {@link io.cacheweave.runtime.MethodCache} and {@link io.cacheweave.runtime.woven.InvalidatingMethod}.
 *
 * <p>{@link io.cacheweave.runtime.coroutines.SuspendResults} and {@link io.cacheweave.runtime.coroutines.SuspendCall}
 * are free of Kotlin types; their implementations ({@code KotlinSuspendResults}, {@code KotlinSuspendCall}) are
 * loaded by name, and only for a method whose last parameter is a {@code kotlin.coroutines.Continuation}, so an
 * application without Kotlin never loads a Kotlin class.
 */
package io.cacheweave.runtime.coroutines;
