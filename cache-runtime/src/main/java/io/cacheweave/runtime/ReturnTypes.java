package io.cacheweave.runtime;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the declared, generic return type of a cached method, which the codec decodes shared-tier values into.
 * Reflection runs once per method, when it is bound, never on a call.
 */
final class ReturnTypes {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnTypes.class);

    private ReturnTypes() {
    }

    /** @return the generic return type (primitives boxed), or {@code null} (logged) if the method is not found */
    static Type of(CachedMethodSpec spec, ClassLoader loader) {
        try {
            Class<?> declaring = Class.forName(spec.declaringClass(), false, loader);
            for (Method m : declaring.getDeclaredMethods()) {
                if (m.getName().equals(spec.methodName()) && MethodType.methodType(m.getReturnType(),
                        m.getParameterTypes()).toMethodDescriptorString().equals(spec.descriptor())) {
                    return m.getReturnType().isPrimitive()
                            ? MethodType.methodType(m.getReturnType()).wrap().returnType()
                            : m.getGenericReturnType();
                }
            }
            LOG.warn("cacheweave: {} was not found, so it is cached in memory only; was it compiled by another build?",
                    spec.methodId());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.warn("cacheweave: the class of {} is not visible from its key builder, so it is cached in memory "
                    + "only", spec.methodId(), e);
        }
        return null;
    }
}
