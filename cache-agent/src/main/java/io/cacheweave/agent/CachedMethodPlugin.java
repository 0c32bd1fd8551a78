package io.cacheweave.agent;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.pool.TypePool;

/**
 * The build-time driver of {@link MethodWeaving}: Byte Buddy's {@code Plugin.Engine} asks it about every class of
 * a classes directory. It weaves the classes listed in that directory's index and marks them; it records as a
 * problem every class that carries cache annotations but has no generated key builder, and every listed method
 * that cannot be woven.
 */
final class CachedMethodPlugin implements Plugin {
    private final WeaveIndex index;
    private final TypePool classes;
    private final AnnotationDescription marker;
    private final List<String> problems;
    private final AtomicInteger alreadyWoven = new AtomicInteger();

    /**
     * @param classes describes the classes directory and the class path (key builders, the marker)
     * @param problems collects the problems; must be safe for concurrent use
     */
    CachedMethodPlugin(WeaveIndex index, TypePool classes, TypeDescription markerType, List<String> problems) {
        this.index = index;
        this.classes = classes;
        this.marker = AnnotationDescription.Builder.ofType(markerType).build();
        this.problems = problems;
    }

    @Override
    public boolean matches(TypeDescription type) {
        if (MethodWeaving.isWovenAtBuildTime(type)) {
            alreadyWoven.incrementAndGet();
            return false;
        }
        if (index.lists(type.getName())) {
            return true;
        }
        if (MethodWeaving.hasCacheAnnotations(type)) {
            problems.add(missingKeyBuilder(type.getName()));
        }
        return false;
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> builder, TypeDescription type,
            ClassFileLocator locator) {
        return MethodWeaving.weave(builder, type, index.entries(type.getName()), classes,
                problem -> problems.add(problem.getMessage())).annotateType(marker);
    }

    /** @return how many classes carried the mark already */
    int alreadyWoven() {
        return alreadyWoven.get();
    }

    @Override
    public void close() {
    }

    static String missingKeyBuilder(String className) {
        return className + " has @Cached or @Invalidate methods but no generated key builder (it is not listed in "
                + WeaveIndex.RESOURCE + "), so it would run uncached: the Cacheweave annotation processor did not run "
                + "on it. Causes: (1) io.cacheweave:cache-processor is not in maven-compiler-plugin's "
                + "<annotationProcessorPaths> (Gradle: the annotationProcessor configuration); (2) maven-compiler-plugin "
                + "is older than 3.5 and ignores <annotationProcessorPaths> (Maven 3.8 and older default to 3.1: pin "
                + "maven-compiler-plugin 3.13.0 or newer); (3) annotation processing was skipped (-proc:none, "
                + "<proc>none</proc>, or a tool that compiled without processors). Fix the cause and rebuild (mvn clean "
                + "package).";
    }
}
