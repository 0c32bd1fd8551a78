package io.cacheweave.agent;

import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.cacheweave.runtime.key.KeyFunction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.pool.TypePool;

/**
 * Makes the advice of one index entry: the arity-specific advice class with {@link CacheHandle} bound to the
 * entry's holder field. Advice classes and holder fields are described from class files, never loaded, so the agent
 * needs no runtime class in its own class loader. The agent and the build-time weaver use the same advice.
 */
final class AdviceFactory {
    private static final String PUBLISHER_MONO = "reactor.core.publisher.Mono";
    private static final String PUBLISHER_FLUX = "reactor.core.publisher.Flux";
    private static final String CONTINUATION = "kotlin.coroutines.Continuation";
    private static final ClassFileLocator AGENT_CLASSES =
            ClassFileLocator.ForClassLoader.of(AdviceFactory.class.getClassLoader());
    private static final TypePool AGENT_POOL = TypePool.Default.of(AGENT_CLASSES);
    private static final Map<String, TypeDescription> ADVICE_TYPES = new ConcurrentHashMap<>();
    /**
     * Return types whose hits are handed back as completed futures or publishers of the stored value, and whose
     * loads are shared as they complete (see {@code CachedMethodAdvice.AsyncExit}).
     */
    private static final java.util.Set<String> ASYNC_RETURN_TYPES =
            java.util.Set.of("java.util.concurrent.CompletableFuture", "java.util.concurrent.CompletionStage",
                    PUBLISHER_MONO, PUBLISHER_FLUX);

    private AdviceFactory() {
    }

    /**
     * @param classes describes the woven class's key builder (the class loader's classes at class load, the
     *     classes directory and class path at build time)
     * @return the advice of the entry
     * @throws WeaveProblem when the entry cannot be woven: the method or its generated key builder is missing
     */
    static Advice forEntry(WeaveIndex.Entry entry, TypeDescription type, TypePool classes) throws WeaveProblem {
        MethodList<MethodDescription.InDefinedShape> methods = type.getDeclaredMethods()
                .filter(named(entry.methodName()).and(hasDescriptor(entry.descriptor())));
        if (methods.isEmpty()) {
            throw new WeaveProblem(type.getName() + "." + entry.methodName() + entry.descriptor() + " is listed in "
                    + WeaveIndex.RESOURCE + " but the class has no such method; the index is stale (rebuild the "
                    + "project).");
        }
        FieldDescription holder = holderField(entry, classes);
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(CacheHandle.class, holder);
        MethodDescription method = methods.getOnly();
        if (isSuspendFunction(method)) {
            return suspendAdvice(entry, method, mapping);
        }
        String invalidate = InvalidateAdvice.class.getName();
        String returnType = methods.getOnly().getReturnType().asErasure().getName();
        boolean publisher = returnType.equals(PUBLISHER_MONO) || returnType.equals(PUBLISHER_FLUX);
        if (publisher && entry.kind().name().startsWith("INVALIDATE")) {
            // Invalidates when the returned publisher is subscribed to / completes, not when the method returns it.
            return mapping.to(adviceType(invalidate + "$Publisher"), AGENT_CLASSES);
        }
        switch (entry.kind()) {
            case INVALIDATE -> {
                return mapping.to(adviceType(invalidate + "$After"), AGENT_CLASSES);
            }
            case INVALIDATE_BEFORE -> {
                return mapping.to(adviceType(invalidate + "$Before"), AGENT_CLASSES);
            }
            case INVALIDATE_BOTH -> {
                return mapping.to(adviceType(invalidate + "$Before"), adviceType(invalidate + "$After"),
                        AGENT_CLASSES);
            }
            default -> {
            }
        }
        int arity = methods.getOnly().getParameters().size();
        String enter = CachedMethodAdvice.class.getName() + "$" + (entry.kind() == WeaveIndex.Kind.CACHED_REFRESH
                ? "EnterRefresh" : arity <= KeyFunction.MAX_SPREAD_ARITY ? "Enter" + arity : "EnterN");
        String exit = ASYNC_RETURN_TYPES.contains(returnType) ? "$AsyncExit" : "$Exit";
        return mapping.to(adviceType(enter), adviceType(CachedMethodAdvice.class.getName() + exit), AGENT_CLASSES);
    }

    /** @return whether the method is a Kotlin suspend function: its last parameter is a {@code Continuation} */
    static boolean isSuspendFunction(MethodDescription method) {
        ParameterList<?> parameters = method.getParameters();
        return !parameters.isEmpty() && parameters.get(parameters.size() - 1).getType().asErasure().getName()
                .equals(CONTINUATION);
    }

    /** The advice of a suspend function: {@link SuspendCompletion} bound to its continuation, writable. */
    private static Advice suspendAdvice(WeaveIndex.Entry entry, MethodDescription method,
            Advice.WithCustomMapping mapping) {
        ParameterDescription completion = method.getParameters().get(method.getParameters().size() - 1);
        mapping = mapping.bind(new Advice.OffsetMapping.ForArgument.Resolved.Factory<>(SuspendCompletion.class,
                completion, false, Assigner.Typing.DYNAMIC));
        String advice = SuspendMethodAdvice.class.getName() + "$";
        if (entry.kind().name().startsWith("INVALIDATE")) {
            return mapping.to(adviceType(advice + "Invalidate"), AGENT_CLASSES);
        }
        int keyArity = method.getParameters().size() - 1;
        String enter = keyArity <= KeyFunction.MAX_SPREAD_ARITY ? "Enter" + keyArity : "EnterN";
        return mapping.to(adviceType(advice + enter), adviceType(advice + "Exit"), AGENT_CLASSES);
    }

    private static FieldDescription holderField(WeaveIndex.Entry entry, TypePool classes) throws WeaveProblem {
        TypePool.Resolution resolution = classes.describe(entry.holderClass());
        if (!resolution.isResolved()) {
            throw new WeaveProblem("the key builder " + entry.holderClass() + " of " + entry.className()
                    + " is missing, so " + entry.methodName() + " cannot be woven. Fix: compile "
                    + entry.className() + " with io.cacheweave:cache-processor on the annotation processor path and "
                    + "ship the generated classes.");
        }
        FieldList<FieldDescription.InDefinedShape> fields =
                resolution.resolve().getDeclaredFields().filter(named(entry.holderField()));
        if (fields.size() != 1 || !fields.getOnly().isStatic()) {
            throw new WeaveProblem("the key builder " + entry.holderClass() + " has no static field "
                    + entry.holderField() + " for " + entry.className() + "." + entry.methodName() + "; the index "
                    + "and the generated classes come from different builds (rebuild the project).");
        }
        return fields.getOnly();
    }

    private static TypeDescription adviceType(String name) {
        return ADVICE_TYPES.computeIfAbsent(name, n -> AGENT_POOL.describe(n).resolve());
    }
}
