package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.Cacheweave;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Redeploys: a woven class loaded in a fresh class loader, called, and dropped, as an application server or a test
 * runner that reloads classes does. The runtime stays in the parent loader (a shared library); the loaders must be
 * collected, memory tier and all.
 */
class RedeployIT {
    private static final String PACKAGE = "io.cacheweave.agent.it.reload.";
    private static final String CATALOG = PACKAGE + "ReloadedCatalog";
    private static final String OPERATION = "it-reload-item";
    private static final int ROUNDS = 50;

    @Test
    void droppedClassLoaders_areCollected() throws Exception {
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int round = 0; round < 5; round++) { // what the first rounds load once (runtime, monitor, reflection)
            deployCallAndDrop(-1 - round);
        }
        awaitCollected(List.of());
        long metaspaceBefore = metaspaceUsed();
        for (int round = 0; round < ROUNDS; round++) {
            loaders.add(deployCallAndDrop(round));
        }
        int collected = awaitCollected(loaders);
        long growthPerRound = (metaspaceUsed() - metaspaceBefore) / ROUNDS;
        assertEquals(ROUNDS, collected, collected + " of " + ROUNDS + " dropped class loaders were collected; "
                + "Metaspace grew " + growthPerRound + " bytes per round");
        assertTrue(Cacheweave.cachedMethods().stream().noneMatch(m -> m.operation().equals(OPERATION)),
                "the registry still lists methods of collected classes: " + Cacheweave.cachedMethods());
    }

    @Test
    void reloadedClass_takesOverItsOperation_whileTheOldOneIsStillLoaded() throws Exception {
        try (RedeployLoader first = new RedeployLoader(); RedeployLoader second = new RedeployLoader()) {
            Object oldCatalog = first.loadClass(CATALOG).getConstructor().newInstance();
            Object newCatalog = second.loadClass(CATALOG).getConstructor().newInstance();
            assertNotSame(oldCatalog.getClass(), newCatalog.getClass());
            for (Object catalog : List.of(oldCatalog, newCatalog)) {
                Method item = catalog.getClass().getMethod("item", String.class);
                item.invoke(catalog, "takeover");
                item.invoke(catalog, "takeover");
                assertEquals(1, runs(catalog), "both the old and the reloaded class must stay cached");
            }
            // one @Invalidate of either class reaches both memory tiers: they are the same operation
            newCatalog.getClass().getMethod("update", String.class).invoke(newCatalog, "takeover");
            for (Object catalog : List.of(oldCatalog, newCatalog)) {
                catalog.getClass().getMethod("item", String.class).invoke(catalog, "takeover");
                assertEquals(2, runs(catalog), "the invalidation must reach " + catalog.getClass().getClassLoader());
            }
        }
    }

    /** One redeploy: load, call the cached and the invalidating method, read a monitor snapshot, drop it all. */
    private static WeakReference<ClassLoader> deployCallAndDrop(int round) throws Exception {
        RedeployLoader loader = new RedeployLoader();
        Class<?> type = loader.loadClass(CATALOG);
        assertEquals(loader, type.getClassLoader(), "the catalog must come from the fresh loader");
        Object catalog = type.getConstructor().newInstance();
        Method item = type.getMethod("item", String.class);
        Method update = type.getMethod("update", String.class);
        String id = "item-" + round;
        item.invoke(catalog, id);
        for (int i = 0; i < 2_100; i++) { // past the hit sampling interval, so the top keys see hits too
            item.invoke(catalog, id);
        }
        assertEquals(1, runs(catalog), "the method must be woven and cached");
        update.invoke(catalog, id);
        item.invoke(catalog, id);
        assertEquals(2, runs(catalog), "@Invalidate must remove the entry");
        Cacheweave.runtime().monitor().snapshot(); // hands the sampled hits to the top-key sketch
        loader.close();
        return new WeakReference<>(loader);
    }

    private static int runs(Object catalog) throws ReflectiveOperationException {
        return catalog.getClass().getField("runs").getInt(catalog);
    }

    /** @return how many of the loaders were collected after up to 20 full collections */
    private static int awaitCollected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            System.gc();
            if (loaders.stream().allMatch(r -> r.get() == null)) {
                break;
            }
            Thread.sleep(100);
        }
        return (int) loaders.stream().filter(r -> r.get() == null).count();
    }

    private static long metaspaceUsed() {
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /** Child-first for the reloaded package, parent-first for everything else (the runtime, the JDK). */
    static final class RedeployLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        RedeployLoader() {
            super(new URL[] {RedeployIT.class.getProtectionDomain().getCodeSource().getLocation()},
                    RedeployIT.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
