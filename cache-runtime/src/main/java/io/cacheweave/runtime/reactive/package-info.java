/**
 * Results of {@code @Cached} methods that return Reactor's {@code Mono} or {@code Flux}. Not API: the woven code
 * reaches it through {@link io.cacheweave.runtime.MethodCache}.
 *
 * <p>{@link io.cacheweave.runtime.reactive.ReactiveResults} is free of Reactor types; its implementations
 * ({@code MonoResults}, {@code FluxResults}, {@code SharedLoad}) are loaded by name, and only for a method whose
 * declared return type is a Reactor type, so an application without Reactor never loads a Reactor class.
 */
package io.cacheweave.runtime.reactive;
