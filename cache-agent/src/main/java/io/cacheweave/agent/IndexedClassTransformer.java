package io.cacheweave.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's transformer: weaves the classes listed in the {@link WeaveIndex} of their class loader and leaves every
 * other class untouched, decided by name and a walk over the class's constant pool ({@link ClassBytes}): only a
 * class that names {@code @Cached} or {@code @Invalidate} is looked up in the index, so the index is not read at all
 * until such a class loads. Byte Buddy
 * ({@link ClassWeaver}) is loaded when the first listed class is, not before: it is most of the agent's start-up
 * cost (about 1,200 classes, run interpreted).
 *
 * <p>Classes marked woven at build time are skipped; a class with {@code @Cached} methods that is not listed
 * (compiled without the processor) is reported once and left alone. A failure is reported and the class loads
 * unwoven, uncached: nothing thrown here reaches the class loader.
 */
final class IndexedClassTransformer implements ClassFileTransformer {
    /**
     * Internal-name prefixes of classes that never hold {@code @Cached} methods: the JDK, the agent and the runtime,
     * and the libraries the runtime loads (a process with {@code REDIS_URL} loads about 3,000 of their classes).
     */
    private static final String[] NEVER_WOVEN = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "kotlin/", "io/cacheweave/agent/shaded/",
        "io/cacheweave/runtime/", "com/github/benmanes/caffeine/", "org/slf4j/", "io/lettuce/core/", "io/netty/",
        "reactor/", "org/reactivestreams/", "redis/clients/authentication/", "com/fasterxml/jackson/",
        "com/github/luben/zstd/", "net/jpountz/", "io/micrometer/", "io/opentelemetry/"
    };
    private static final String AGENT_PACKAGE = "io/cacheweave/agent/";

    private final Set<String> reportedUnindexed = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private final String arguments;
    /** Opened when the first listed class loads; {@code null} while not yet, or when off. */
    private volatile WeaveCache cache;
    private volatile boolean cacheOpened;

    /** @param arguments the agent arguments ({@value WeaveCache#PROPERTY} may be among them), or {@code null} */
    IndexedClassTransformer(String arguments) {
        this.arguments = arguments;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] bytes) {
        if (loader == null || internalName == null || neverWoven(internalName)) {
            return null;
        }
        String name = internalName.replace('/', '.');
        try {
            int names = ClassBytes.scan(bytes);
            if ((names & ClassBytes.NAMES_MARKER) != 0) {
                return null; // woven at build time
            }
            if ((names & (ClassBytes.NAMES_CACHED | ClassBytes.NAMES_INVALIDATE)) == 0) {
                return null; // a class with woven methods names their annotations: this one is not listed
            }
            List<WeaveIndex.Entry> entries = WeaveIndex.entries(loader, domain, name);
            if (!entries.isEmpty()) {
                return weave(loader, name, bytes, entries);
            }
            if ((names & ClassBytes.NAMES_CACHED) != 0 && !reportedUnindexed.contains(name)
                    && ClassWeaver.hasCachedMethods(bytes) && reportedUnindexed.add(name)) {
                AgentLog.warn(name + " has @Cached methods but was compiled without the Cacheweave annotation "
                        + "processor, so it runs uncached. Fix: add io.cacheweave:cache-processor to the "
                        + "<annotationProcessorPaths> of maven-compiler-plugin (or to Gradle's annotationProcessor "
                        + "configuration) and rebuild.");
            }
        } catch (Throwable t) {
            AgentLog.error("could not weave " + name + "; it runs uncached", t);
        }
        return null;
    }

    private byte[] weave(ClassLoader loader, String name, byte[] bytes, List<WeaveIndex.Entry> entries) {
        WeaveCache kept = cache();
        byte[] key = kept == null ? null : kept.key(loader, name, bytes, entries);
        byte[] woven = key == null ? null : kept.find(key);
        if (woven != null) {
            return woven;
        }
        ClassWeaver.Woven made = ClassWeaver.weave(loader, name, bytes, entries);
        if (key != null && made.complete()) {
            kept.store(key, made.bytes());
        }
        return made.bytes();
    }

    private WeaveCache cache() {
        if (!cacheOpened) {
            synchronized (this) {
                if (!cacheOpened) {
                    cache = WeaveCache.open(arguments);
                    cacheOpened = true;
                }
            }
        }
        return cache;
    }

    /** @return whether the class is one of those {@link #NEVER_WOVEN}, or the agent's own (not its sub-packages) */
    static boolean neverWoven(String internalName) {
        for (String prefix : NEVER_WOVEN) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return internalName.startsWith(AGENT_PACKAGE) && internalName.indexOf('/', AGENT_PACKAGE.length()) < 0;
    }
}
