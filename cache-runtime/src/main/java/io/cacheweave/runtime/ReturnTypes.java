package io.cacheweave.runtime;

import io.cacheweave.runtime.coroutines.SuspendResults;
import io.cacheweave.runtime.reactive.ReactiveResults;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;

/**
 * Finds the declared, generic return type of a cached method: what the codec decodes shared-tier values into, and
 * whether results are plain values, {@code Optional}s or futures. Reflection runs once per method, when it is
 * bound, never on a call.
 */
final class ReturnTypes {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(ReturnTypes.class);

    /** How a method hands back its result. */
    enum Kind {
        /** The value itself (primitives boxed). */
        VALUE,
        /** An {@code Optional}; an empty one counts as an absent result. */
        OPTIONAL,
        /**
         * A {@code CompletableFuture} or {@code CompletionStage}, or a publisher of {@link ReturnType#reactive()}; the
         * cache stores what it completes with.
         */
        ASYNC,
        /**
         * A Kotlin {@code suspend} function (a last parameter of type {@code kotlin.coroutines.Continuation}); the
         * cache stores the value it returns or resumes with, of the continuation's type argument.
         */
        SUSPEND
    }

    /**
     * @param kind how the method returns its result
     * @param valueType what the cache stores: the return type, or the future's type argument for {@link Kind#ASYNC}
     * @param method the method itself, for background reloads; {@code null} when it could not be looked up
     * @param reactive for a method returning a Reactor {@code Mono} or {@code Flux} (kind {@link Kind#ASYNC}), how
     *     its results are handed out and loaded; else {@code null}
     */
    record ReturnType(Kind kind, Type valueType, Method method, ReactiveResults reactive) {
        /** For methods that could not be looked up: plain values, no shared tier, no reloads. */
        static final ReturnType UNKNOWN = new ReturnType(Kind.VALUE, null, null);
        /** For methods whose results the cache cannot hold (a publisher whose support did not load): run uncached. */
        static final ReturnType UNCACHEABLE = new ReturnType(Kind.VALUE, null, null);

        ReturnType(Kind kind, Type valueType, Method method) {
            this(kind, valueType, method, null);
        }
    }

    /** {@code List<element>}: what the cache stores of a {@code Flux<element>}. */
    private record ListOf(Type element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return java.util.List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public String getTypeName() {
            return "java.util.List<" + element.getTypeName() + ">";
        }
    }

    private ReturnTypes() {
    }

    /** @return the method's return type, or {@link ReturnType#UNKNOWN} (logged) when the method is not found */
    static ReturnType of(CachedMethodSpec spec, ClassLoader loader) {
        try {
            Class<?> declaring = Class.forName(spec.declaringClass(), false, loader);
            for (Method m : declaring.getDeclaredMethods()) {
                if (m.getName().equals(spec.methodName()) && MethodType.methodType(m.getReturnType(),
                        m.getParameterTypes()).toMethodDescriptorString().equals(spec.descriptor())) {
                    return of(m);
                }
            }
            LOG.warn("cacheweave: {} was not found, so it is cached in memory only; was it compiled by another build?",
                    spec.methodId());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.warn("cacheweave: the class of {} is not visible from its key builder, so it is cached in memory "
                    + "only ({})", spec.methodId(), e.toString());
        }
        return ReturnType.UNKNOWN;
    }

    private static ReturnType of(Method m) {
        Class<?>[] parameters = m.getParameterTypes();
        if (parameters.length > 0 && parameters[parameters.length - 1].getName().equals(SuspendResults.CONTINUATION)) {
            return suspendFunction(m);
        }
        Method callable = accessible(m);
        Class<?> raw = m.getReturnType();
        if (raw.isPrimitive()) {
            return new ReturnType(Kind.VALUE, MethodType.methodType(raw).wrap().returnType(), callable);
        }
        Type generic = m.getGenericReturnType();
        if (raw == CompletableFuture.class || raw == CompletionStage.class) {
            Type value = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            return new ReturnType(Kind.ASYNC, value, callable);
        }
        if (raw.getName().equals(ReactiveResults.MONO) || raw.getName().equals(ReactiveResults.FLUX)) {
            Type value = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            ReactiveResults reactive;
            try {
                reactive = ReactiveResults.forReturnType(raw);
            } catch (IllegalStateException e) {
                LOG.warn("cacheweave: {} runs uncached: {}", m, e.getMessage());
                return ReturnType.UNCACHEABLE;
            }
            return new ReturnType(Kind.ASYNC, raw.getName().equals(ReactiveResults.FLUX) ? new ListOf(value) : value,
                    callable, reactive);
        }
        return new ReturnType(raw == Optional.class ? Kind.OPTIONAL : Kind.VALUE, generic, callable);
    }

    /**
     * A suspend function declares {@code Object}; its value type is the continuation's type argument, which Kotlin
     * writes as {@code Continuation<? super T>}. No background reloads (no method to call): a reload would need a
     * coroutine to run in.
     */
    private static ReturnType suspendFunction(Method m) {
        Type[] generic = m.getGenericParameterTypes();
        Type value = Object.class;
        if (generic.length > 0 && generic[generic.length - 1] instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[0];
            if (argument instanceof java.lang.reflect.WildcardType w) {
                argument = w.getLowerBounds().length > 0 ? w.getLowerBounds()[0] : w.getUpperBounds()[0];
            }
            value = argument;
        }
        try {
            SuspendResults.kotlin(); // the MethodCache talks to Kotlin through it
        } catch (IllegalStateException e) {
            LOG.warn("cacheweave: {} runs uncached: {}", m, e.getMessage());
            return ReturnType.UNCACHEABLE;
        }
        return new ReturnType(Kind.SUSPEND, value, null);
    }

    /** @return the method made callable for background reloads, or {@code null} where the module forbids it */
    private static Method accessible(Method m) {
        try {
            m.setAccessible(true);
            return m;
        } catch (RuntimeException e) { // InaccessibleObjectException: a module that does not open its package
            LOG.debug("cacheweave: {} cannot be called reflectively; no refresh-ahead for it", m, e);
            return null;
        }
    }
}
