package io.cacheweave.runtime;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the declared, generic return type of a cached method: what the codec decodes shared-tier values into, and
 * whether results are plain values, {@code Optional}s or futures. Reflection runs once per method, when it is
 * bound, never on a call.
 */
final class ReturnTypes {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnTypes.class);

    /** How a method hands back its result. */
    enum Kind {
        /** The value itself (primitives boxed). */
        VALUE,
        /** An {@code Optional}; an empty one counts as an absent result. */
        OPTIONAL,
        /** A {@code CompletableFuture} or {@code CompletionStage}; the cache stores what it completes with. */
        ASYNC
    }

    /**
     * @param kind how the method returns its result
     * @param valueType what the cache stores: the return type, or the future's type argument for {@link Kind#ASYNC}
     * @param method the method itself, for background reloads; {@code null} when it could not be looked up
     */
    record ReturnType(Kind kind, Type valueType, Method method) {
        /** For methods that could not be looked up: plain values, no shared tier, no reloads. */
        static final ReturnType UNKNOWN = new ReturnType(Kind.VALUE, null, null);
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
                    + "only", spec.methodId(), e);
        }
        return ReturnType.UNKNOWN;
    }

    private static ReturnType of(Method m) {
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
        return new ReturnType(raw == Optional.class ? Kind.OPTIONAL : Kind.VALUE, generic, callable);
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
