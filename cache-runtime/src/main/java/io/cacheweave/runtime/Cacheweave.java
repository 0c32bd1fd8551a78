package io.cacheweave.runtime;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.KeyFunction;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.woven.CachedMethod;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import io.cacheweave.runtime.woven.InvalidateFunction;
import io.cacheweave.runtime.woven.InvalidateSpec;
import io.cacheweave.runtime.woven.InvalidatingMethod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The process-wide entry point: the runtime woven methods use, and the registry of woven methods.
 *
 * <p>The runtime is created on first use from {@link Settings#load()}; configuration problems are logged then,
 * once, and never stop the application. {@link #install(CacheRuntime)} replaces it (tests, embedders): every
 * registered method is bound to the new runtime with an empty memory tier.
 *
 * <p>The process-wide runtime also starts the bridges of its monitor that the settings ask for: Micrometer meters and
 * OpenTelemetry spans and metrics when those libraries are present, and the HTTP stats page
 * ({@link CacheRuntime#statsPageUri()}).
 */
public final class Cacheweave {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(Cacheweave.class);

    /** Held weakly: a dropped class loader (a redeploy) takes its methods' caches with it. */
    private static final MethodRegistry CACHED = new MethodRegistry();
    private static volatile CacheRuntime runtime;

    private Cacheweave() {
    }

    /** @return the process-wide runtime, created from the loaded settings ({@link Settings#load()}) on first use */
    public static CacheRuntime runtime() {
        CacheRuntime rt = runtime;
        return rt != null ? rt : start(null);
    }

    /**
     * Returns the process-wide runtime, starting it with {@code settings} if none runs yet: for the agent, which
     * reads the settings at start-up to report their problems and hands them on, so that they are read once (and
     * their problems are not logged again here).
     *
     * @param settings what {@link Settings#load()} returned
     * @return the process-wide runtime (one already running keeps its own settings)
     */
    public static CacheRuntime runtime(Settings settings) {
        CacheRuntime rt = runtime;
        return rt != null ? rt : start(Objects.requireNonNull(settings, "settings must not be null"));
    }

    private static CacheRuntime start(Settings loaded) {
        CacheRuntime rt;
        synchronized (Cacheweave.class) {
            rt = runtime;
            if (rt != null) {
                return rt;
            }
            // Caffeine's classes load on a thread of their own while this one reads the settings and builds the
            // runtime: the first cached call, waiting for the runtime, would otherwise find them not loaded yet
            Thread prime = new Thread(Cacheweave::primeMemoryTier, "cacheweave-memory-warm-up");
            prime.setDaemon(true);
            prime.start();
            Settings settings = loaded != null ? loaded : Settings.load();
            if (loaded == null) { // the agent, which hands its settings on, has reported their problems itself
                for (String problem : settings.problems()) {
                    LOG.error("cacheweave: {}", problem);
                }
            }
            for (String notice : settings.notices()) {
                LOG.warn("cacheweave: {}", notice);
            }
            // Redis connects in the background: nobody waits for Lettuce to load or Redis to answer
            rt = CacheRuntime.builder().settings(settings).connectInBackground().build();
            io.cacheweave.runtime.key.Keys.textThreshold(settings.core().keyHashThreshold());
            runtime = rt;
            rt.startMonitorBridges();
            // no "runtime started" line: asking whether DEBUG is on would start SLF4J in every process (LazyLogger)
        }
        return rt;
    }

    private static void primeMemoryTier() {
        try {
            MemoryBound.prime();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cacheweave: could not prime the memory tier's classes; the first call loads them", e);
        }
    }

    /**
     * Makes {@code newRuntime} the process-wide runtime and binds every registered method to it, each with a new,
     * empty memory tier. The runtime it replaces is closed (its shared-tier connections released).
     *
     * @param newRuntime the runtime to use from now on
     */
    public static synchronized void install(CacheRuntime newRuntime) {
        CacheRuntime old = runtime;
        runtime = Objects.requireNonNull(newRuntime, "runtime must not be null");
        // woven methods' memory-tier keys digest long text at the threshold their keys are rendered with
        io.cacheweave.runtime.key.Keys.textThreshold(newRuntime.settings().core().keyHashThreshold());
        if (old != null && old != newRuntime) {
            old.stopMonitorBridges(); // frees the meters' names and the page's port for the new runtime
        }
        for (MethodCache m : CACHED) {
            newRuntime.attach(m);
        }
        newRuntime.startMonitorBridges();
        if (old != null && old != newRuntime) {
            old.close();
        }
    }

    /**
     * Registers a {@code @Cached} method. Called once per method by the static initializer of its generated key
     * builder; never throws, since a failure here would surface in the caller. Woven ABI (see ARCHITECTURE.md):
     * for generated code only.
     *
     * @param spec what the compiler knows about the method
     * @param keys the method's generated key function
     * @return the method's cache, bound to the current runtime (disabled if anything went wrong)
     */
    public static CachedMethod cachedMethod(CachedMethodSpec spec, KeyFunction keys) {
        MethodCache m = new MethodCache(spec, keys);
        try {
            synchronized (Cacheweave.class) {
                CACHED.add(m);
                runtime().attach(m);
            }
        } catch (Throwable t) {
            LOG.error("cacheweave: could not set up the cache of {}; it runs uncached", spec.methodId(), t);
        }
        return m;
    }

    /**
     * Registers an {@code @Invalidate} method. Called once per method by the static initializer of its generated
     * key builder.
     *
     * @param spec what the compiler knows about the method
     * @param function the method's generated invalidations
     * @return the handle the woven advice calls
     */
    // Woven ABI (see ARCHITECTURE.md): for generated code only.
    public static InvalidatingMethod invalidatingMethod(InvalidateSpec spec, InvalidateFunction function) {
        return new InvalidatingMethod(spec, function);
    }

    /** @return every registered {@code @Cached} method whose class is still loaded */
    public static List<CachedMethod> cachedMethods() {
        return List.copyOf(CACHED.alive());
    }

    /**
     * Removes every entry whose logical key matches the glob, as {@code @Invalidate(pattern = ...)} does.
     *
     * @param pattern a glob over logical keys
     */
    public static void invalidatePattern(String pattern) {
        runtime().invalidatePattern(pattern);
    }

    /**
     * Removes every entry of an operation, as {@code @Invalidate(operation = ...)} does.
     *
     * @param operation the operation name
     */
    public static void invalidateOperation(String operation) {
        runtime().invalidateOperation(operation);
    }

    /**
     * Removes every entry carrying {@code tag} on every node (see {@link CacheRuntime#invalidateTag(String)}).
     *
     * @param tag a tag
     */
    public static void invalidateTag(String tag) {
        runtime().invalidateTag(tag);
    }

    /**
     * As {@link #invalidatePattern(String)}, with why: the context is counted per operation reached (the
     * monitor's {@code invalidations.byContext}) and shown with the last invalidation.
     *
     * @param pattern a glob over logical keys
     * @param context who invalidates and why, such as {@code "model updated"}; {@code ""} or {@code null} for none
     */
    public static void invalidatePattern(String pattern, String context) {
        runtime().invalidatePattern(pattern, context == null ? "" : context);
    }

    /**
     * As {@link #invalidateOperation(String)}, with why (see {@link #invalidatePattern(String, String)}).
     *
     * @param operation the operation name
     * @param context who invalidates and why; {@code ""} or {@code null} for none
     */
    public static void invalidateOperation(String operation, String context) {
        runtime().invalidateOperation(operation, context == null ? "" : context);
    }

    /**
     * @param operation an operation name
     * @return its statistics, if it has been used
     */
    public static Optional<OperationStats> stats(String operation) {
        return runtime().stats(operation);
    }

    /** @return the statistics of every operation used so far */
    public static Map<String, OperationStats> stats() {
        return runtime().stats();
    }

    /**
     * A programmatic cache of the process-wide runtime; see {@link CacheRuntime#cache(String, java.lang.reflect.Type)}.
     * A cache belongs to the runtime it was made by: after {@link #install(CacheRuntime)}, ask again.
     *
     * @param name the cache's name
     * @param valueType the type of its values
     * @param <K> the key type
     * @param <V> the value type
     * @return the cache of that name
     */
    public static <K, V> Cache<K, V> cache(String name, Class<V> valueType) {
        return runtime().cache(name, valueType);
    }

    /** As {@link #cache(String, Class)} for a generic value type. */
    public static <K, V> Cache<K, V> cache(String name, java.lang.reflect.Type valueType) {
        return runtime().cache(name, valueType);
    }
}
