package io.cacheweave.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * What each Spring cache holds: the value type its {@code @Cacheable} and {@code @CachePut} methods declare, learned
 * from every bean as it is created (a bean post-processor reading the same annotations Spring's caching reads), so
 * the type is known before the first call. The value type is the method's generic return type, with what Spring's
 * caching unwraps taken off: {@code Optional<T>}, {@code CompletableFuture<T>} and {@code Mono<T>} hold {@code T};
 * {@code Flux<T>} holds {@code List<T>}.
 *
 * <p>A cache holds one value type. When methods of one cache name declare different ones, the first wins and the
 * others run uncached (through {@link TypedCacheResolver}), with one warning at start-up naming both methods.
 */
final class CacheValueTypes implements BeanPostProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(CacheValueTypes.class);

    private final CacheOperationSource operations = new AnnotationCacheOperationSource(false);
    private final Map<String, Declared> byCache = new ConcurrentHashMap<>();
    private final Map<Method, Type> byMethod = new ConcurrentHashMap<>();

    /** The first declaration of a cache's value type. */
    record Declared(Type type, String method) {
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> target = AopUtils.getTargetClass(bean);
        if (target.getName().startsWith("org.springframework.")) {
            return bean;
        }
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(target, ReflectionUtils.USER_DECLARED_METHODS)) {
            Collection<CacheOperation> ops = operations.getCacheOperations(method, target);
            if (ops == null) {
                continue;
            }
            for (CacheOperation op : ops) {
                if (op instanceof CacheableOperation || op instanceof CachePutOperation) {
                    Type type = valueType(method, target);
                    for (String cache : op.getCacheNames()) {
                        declare(cache, type, target.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        return bean;
    }

    /** Records that {@code method} stores values of {@code type} in {@code cache}; warns about a second type. */
    void declare(String cache, Type type, String method) {
        Declared first = byCache.putIfAbsent(cache, new Declared(type, method));
        if (first != null && !first.type().equals(type)) {
            LOG.warn("cacheweave: cache \"{}\" holds {} (declared by {}), but {} returns {}; a cache holds one value "
                    + "type, so {} runs uncached: give it a cache name of its own", cache, first.type().getTypeName(),
                    first.method(), method, type.getTypeName(), method);
        }
    }

    /** @return the value type declared first for a cache, or {@code null} */
    Type declared(String cache) {
        Declared d = byCache.get(cache);
        return d == null ? null : d.type();
    }

    /** @return the value type a method's cached results have, remembered per method */
    Type valueType(Method method, Class<?> target) {
        Type t = byMethod.get(method);
        if (t == null) {
            t = byMethod.computeIfAbsent(method, m -> concrete(unwrap(ResolvableType.forMethodReturnType(m, target))));
        }
        return t;
    }

    /** @return the type Spring's caching stores for a method returning {@code returned} */
    static ResolvableType unwrap(ResolvableType returned) {
        Class<?> raw = returned.resolve(Object.class);
        if (raw == Optional.class || CompletionStage.class.isAssignableFrom(raw) || Future.class.isAssignableFrom(raw)
                || raw.getName().equals("reactor.core.publisher.Mono")) {
            return returned.getGeneric(0);
        }
        if (raw.getName().equals("reactor.core.publisher.Flux")) {
            return ResolvableType.forClassWithGenerics(List.class, returned.getGeneric(0));
        }
        return returned;
    }

    /** @return a type without variables or wildcards: each resolved as far as known, {@code Object} beyond */
    static Type concrete(ResolvableType type) {
        Class<?> raw = ClassUtils.resolvePrimitiveIfNecessary(type.resolve(Object.class));
        ResolvableType[] generics = type.getGenerics();
        if (generics.length == 0 || raw.isArray()) {
            return raw;
        }
        ResolvableType[] args = new ResolvableType[generics.length];
        for (int i = 0; i < generics.length; i++) {
            args[i] = ResolvableType.forType(concrete(generics[i]));
        }
        return ResolvableType.forClassWithGenerics(raw, args).getType();
    }

    /** @return {@code Optional<type>}: how a Spring cache's values (and its stored nulls) live in the engine */
    static Type optionalOf(Type type) {
        return ResolvableType.forClassWithGenerics(Optional.class, ResolvableType.forType(type)).getType();
    }
}
