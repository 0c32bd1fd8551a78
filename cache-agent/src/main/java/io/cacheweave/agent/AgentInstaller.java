package io.cacheweave.agent;

import static net.bytebuddy.matcher.ElementMatchers.nameMatches;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds and installs the agent: matches the classes listed in a visible weave index and inlines the advice into
 * their listed methods. Classes that carry {@code @Cached} but are not listed (compiled without the processor) are
 * reported once each and left alone, and so are classes already woven at build time (see {@link MethodWeaving}).
 */
final class AgentInstaller {
    /**
     * The libraries the runtime itself loads (a process with {@code REDIS_URL} loads about 3,000 of their classes):
     * none holds {@code @Cached} methods, and describing each of their classes to look for some cost most of the
     * agent's start-up time.
     */
    private static final ElementMatcher.Junction<TypeDescription> RUNTIME_LIBRARIES =
            nameStartsWith("com.github.benmanes.caffeine.")
                    .or(nameStartsWith("org.slf4j."))
                    .or(nameStartsWith("io.lettuce.core."))
                    .or(nameStartsWith("io.netty."))
                    .or(nameStartsWith("reactor."))
                    .or(nameStartsWith("org.reactivestreams."))
                    .or(nameStartsWith("redis.clients.authentication."))
                    .or(nameStartsWith("com.fasterxml.jackson."))
                    .or(nameStartsWith("com.github.luben.zstd."))
                    .or(nameStartsWith("net.jpountz."))
                    .or(nameStartsWith("io.micrometer."))
                    .or(nameStartsWith("io.opentelemetry."));

    private static final Set<String> REPORTED_UNINDEXED = Collections.newSetFromMap(new ConcurrentHashMap<>());

    private AgentInstaller() {
    }

    static void install(Instrumentation instrumentation) {
        MethodWeaver weaver = new MethodWeaver();
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new ErrorListener())
                .ignore(nameStartsWith("java.")
                        .or(nameStartsWith("javax."))
                        .or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun."))
                        .or(nameMatches("io\\.cacheweave\\.agent\\.[^.]+")) // the agent itself, not sub-packages
                        .or(nameStartsWith("io.cacheweave.agent.shaded."))
                        .or(nameStartsWith("io.cacheweave.runtime."))
                        .or(RUNTIME_LIBRARIES))
                .type(AgentInstaller::shouldWeave)
                .transform(weaver::weave)
                .installOn(instrumentation);
    }

    private static boolean shouldWeave(TypeDescription type, ClassLoader loader, JavaModule module,
            Class<?> classBeingRedefined, ProtectionDomain domain) {
        if (loader == null) {
            return false;
        }
        if (WeaveIndex.of(loader).lists(type.getName())) {
            return !MethodWeaving.isWovenAtBuildTime(type);
        }
        if (MethodWeaving.hasCachedMethods(type) && !MethodWeaving.isWovenAtBuildTime(type)
                && REPORTED_UNINDEXED.add(type.getName())) {
            AgentLog.warn(type.getName() + " has @Cached methods but was compiled without the Cacheweave annotation "
                    + "processor, so it runs uncached. Fix: add io.cacheweave:cache-processor to the "
                    + "<annotationProcessorPaths> of maven-compiler-plugin (or to Gradle's annotationProcessor "
                    + "configuration) and rebuild.");
        }
        return false;
    }

    /** Reports transformation failures of woven classes; the class then loads unwoven, uncached. */
    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
            if (loader != null && WeaveIndex.of(loader).lists(typeName)) {
                AgentLog.error("could not weave " + typeName + "; it runs uncached", t);
            }
        }
    }

    /** Inlines the advice of each listed method of one class; a method that cannot be woven runs uncached. */
    static final class MethodWeaver {
        DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                JavaModule module, ProtectionDomain domain) {
            TypePool classes = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
            return MethodWeaving.weave(builder, type, WeaveIndex.of(loader).entries(type.getName()), classes,
                    problem -> AgentLog.warn(problem.getMessage() + " The method runs uncached."));
        }
    }
}
