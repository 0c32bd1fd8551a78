package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.KeyFunction;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import io.cacheweave.runtime.woven.CachedValue;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Operation ownership across redeploys (issue 13): an operation belongs to one method, but a reloaded class is not a
 * second method, and an operation whose class was unloaded is free again. The runtime holds methods weakly.
 */
class RedeployOwnershipTest {
    private static final String DESCRIPTOR = "(Ljava/lang/String;)Ljava/lang/String;";
    private final CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().build()).build();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void attach_operationOfCollectedMethod_isFreeForAnotherMethod() throws Exception {
        WeakReference<MethodCache> old = attachAndForget(OldCatalog.class.getName(), "item", "catalog");
        awaitCollected(old);
        MethodCache renamed = method(NewCatalog.class.getName(), "find", "catalog", new WovenCalls.ArgumentKeys());
        runtime.attach(renamed);
        assertNotNull(renamed.enter("a"), "the operation of a collected class is free: the new method is cached");
        assertEquals(1, runtime.monitoredCaches().size(), "the collected method is forgotten");
    }

    @Test
    void attach_sameClassFromAnotherLoader_takesOverWhileTheOldIsLoaded() throws Exception {
        MethodCache old = method(Catalog.class.getName(), "item", "catalog", new WovenCalls.ArgumentKeys());
        runtime.attach(old);
        var constructor = new ReloadingLoader().loadClass(WovenCalls.ArgumentKeys.class.getName())
                .getDeclaredConstructor();
        constructor.setAccessible(true);
        KeyFunction reloadedKeys = (KeyFunction) constructor.newInstance();
        assertNotSame(WovenCalls.ArgumentKeys.class, reloadedKeys.getClass());
        MethodCache reloaded = method(Catalog.class.getName(), "findItem", "catalog", reloadedKeys);
        runtime.attach(reloaded);
        Object token = reloaded.enter("a");
        assertNotNull(token, "a reload of the same class takes the operation over");
        reloaded.exit(token, "v", null);
        assertInstanceOf(CachedValue.class, reloaded.enter("a"));
        assertNotNull(old.enter("b"), "the old class stays cached until it is unloaded");

        MethodCache other = method(Other.class.getName(), "item", "catalog", new WovenCalls.ArgumentKeys());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream originalErr = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            runtime.attach(other);
        } finally {
            System.setErr(originalErr);
        }
        assertNull(other.enter("a"), "another class claiming the operation still runs uncached");
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains(
                "operation \"catalog\" is declared by both " + Catalog.class.getName() + ".findItem"), err::toString);
    }

    @Test
    void registry_forgetsCollectedMethods() throws Exception {
        MethodRegistry registry = new MethodRegistry();
        MethodCache kept = method(Catalog.class.getName(), "item", "kept", new WovenCalls.ArgumentKeys());
        registry.add(kept);
        registry.add(kept);
        WeakReference<MethodCache> dropped = addAndForget(registry);
        awaitCollected(dropped);
        assertEquals(java.util.List.of(kept), registry.alive());
    }

    private WeakReference<MethodCache> attachAndForget(String declaringClass, String name, String operation) {
        MethodCache m = method(declaringClass, name, operation, new WovenCalls.ArgumentKeys());
        runtime.attach(m);
        Object token = m.enter("a");
        m.exit(token, "v", null);
        return new WeakReference<>(m);
    }

    private static WeakReference<MethodCache> addAndForget(MethodRegistry registry) {
        MethodCache m = method(Other.class.getName(), "item", "dropped", new WovenCalls.ArgumentKeys());
        registry.add(m);
        return new WeakReference<>(m);
    }

    private static MethodCache method(String declaringClass, String name, String operation, KeyFunction keys) {
        return new MethodCache(new CachedMethodSpec(declaringClass, name, DESCRIPTOR, operation, 60, ""), keys);
    }

    private static void awaitCollected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(ref.get() == null, "the dropped method must be collectable");
    }

    static final class OldCatalog {
        String item(String id) {
            return id;
        }
    }

    static final class NewCatalog {
        String find(String id) {
            return id;
        }
    }

    static final class Catalog {
        String item(String id) {
            return id;
        }

        String findItem(String id) {
            return id;
        }
    }

    static final class Other {
        String item(String id) {
            return id;
        }
    }

    /** Defines its own copy of {@link WovenCalls.ArgumentKeys}, as a redeployed application's loader would. */
    private static final class ReloadingLoader extends ClassLoader {
        ReloadingLoader() {
            super(RedeployOwnershipTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(WovenCalls.ArgumentKeys.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
