package io.cacheweave.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the agent: registers the {@link IndexedClassTransformer} (retransformation-capable) and, when the agent
 * is attached to a running JVM, retransforms the listed classes already loaded. Byte Buddy is not involved until a
 * listed class appears. In {@code premain} the only classes of the application's loader already loaded are the
 * agent's own, which are never woven, so the weave index is not read there.
 */
final class AgentInstaller {

    private AgentInstaller() {
    }

    static void install(Instrumentation instrumentation, String arguments) {
        instrumentation.addTransformer(new IndexedClassTransformer(arguments), true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader != null && !c.isArray()
                    && !IndexedClassTransformer.neverWoven(c.getName().replace('.', '/'))
                    && instrumentation.isModifiableClass(c) && WeaveIndex.of(loader).lists(c.getName())) {
                loaded.add(c);
            }
        }
        for (Class<?> c : loaded) { // one by one: a class that fails to retransform does not hold the others back
            try {
                instrumentation.retransformClasses(c);
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                AgentLog.error("could not weave the already loaded " + c.getName() + "; it runs uncached", e);
            }
        }
    }
}
