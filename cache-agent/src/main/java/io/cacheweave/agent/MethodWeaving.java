package io.cacheweave.agent;

import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.cacheweave.runtime.woven.WovenAtBuildTime;
import java.util.List;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.pool.TypePool;

/**
 * The one transformation of a class with {@code @Cached} and {@code @Invalidate} methods, shared by both drivers:
 * the agent at class load ({@link ClassWeaver}, called by {@link IndexedClassTransformer}) and Byte Buddy's {@code Plugin.Engine} at
 * build time ({@link BuildTimeWeaver}). It inlines the advice of each listed method; the build also marks the
 * class with {@value #MARKER}, which both drivers check so that no class is woven twice.
 */
final class MethodWeaving {
    /** The mark of a class woven at build time. */
    static final String MARKER = "io.cacheweave.runtime.woven.WovenAtBuildTime";
    private static final String CACHED = "io.cacheweave.annotations.Cached";
    private static final String INVALIDATE = "io.cacheweave.annotations.Invalidate";
    private static final String INVALIDATE_LIST = "io.cacheweave.annotations.Invalidate$List";

    private MethodWeaving() {
    }

    /** @return whether {@code type} was woven at build time (it carries {@value #MARKER}) */
    static boolean isWovenAtBuildTime(TypeDescription type) {
        for (AnnotationDescription annotation : type.getDeclaredAnnotations()) {
            if (annotation.getAnnotationType().getName().equals(MARKER)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a method declared by {@code type} carries {@code @Cached} */
    static boolean hasCachedMethods(TypeDescription type) {
        return !type.getDeclaredMethods().filter(isAnnotatedWith(named(CACHED))).isEmpty();
    }

    /** @return whether a method declared by {@code type} carries {@code @Cached} or {@code @Invalidate} */
    static boolean hasCacheAnnotations(TypeDescription type) {
        return !type.getDeclaredMethods().filter(isAnnotatedWith(named(CACHED))
                .or(isAnnotatedWith(named(INVALIDATE))).or(isAnnotatedWith(named(INVALIDATE_LIST)))).isEmpty();
    }

    /**
     * Inlines the advice of every entry into {@code builder}.
     *
     * @param classes describes the key builders the advice reads
     * @param problems receives each entry that cannot be woven; that method is left as it is
     */
    static DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type,
            List<WeaveIndex.Entry> entries, TypePool classes, Consumer<WeaveProblem> problems) {
        for (WeaveIndex.Entry entry : entries) {
            try {
                Advice advice = AdviceFactory.forEntry(entry, type, classes);
                builder = builder.visit(advice.on(named(entry.methodName()).and(hasDescriptor(entry.descriptor()))));
            } catch (WeaveProblem problem) {
                problems.accept(problem);
            }
        }
        return builder;
    }
}
