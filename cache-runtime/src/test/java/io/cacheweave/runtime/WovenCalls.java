package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.KeyFunction;
import io.cacheweave.runtime.key.KeyWriter;
import io.cacheweave.runtime.key.Keys;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import io.cacheweave.runtime.woven.CachedValue;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** What generated code and woven advice do, written by hand for tests of the runtime. */
final class WovenCalls {
    private WovenCalls() {
    }

    /** The key function the processor would generate for {@code m(String a0)} or {@code m(String a0, int a1)}. */
    static final class ArgumentKeys extends KeyFunction {
        @Override
        public Object key(Object a0) {
            return Keys.single(a0);
        }

        @Override
        public Object key(Object a0, Object a1) {
            return Keys.of(a0, a1);
        }

        @Override
        public Object key(Object[] args) {
            return args.length == 1 ? key(args[0]) : key(args[0], args[1]);
        }

        @Override
        public void render(Object key, KeyWriter out) {
            if (key instanceof Keys.Tuple t) {
                out.value(t.get(0)).literal(":").value(t.get(1));
            } else {
                out.value(Keys.unwrap(key));
            }
        }
    }

    /** A real method returning {@code String}, so the runtime can find its declared type for the shared tier. */
    static final class TextService {
        String lookup(String id) {
            return "v:" + id;
        }
    }

    /**
     * Binds a method of {@link TextService}'s shape ({@code String lookup(String)}) to {@code runtime}.
     *
     * @param lease whether its loads take a distributed lease
     */
    static MethodCache textMethod(CacheRuntime runtime, String operation, long ttlSeconds, boolean lease) {
        MethodCache m = new MethodCache(new CachedMethodSpec(TextService.class.getName(), "lookup",
                "(Ljava/lang/String;)Ljava/lang/String;", operation, ttlSeconds, "", false, lease, 0, -1),
                new ArgumentKeys());
        runtime.attach(m);
        return m;
    }

    static CachedMethodSpec spec(String operation, long ttlSeconds) {
        return new CachedMethodSpec(TextService.class.getName(), "lookup", "(Ljava/lang/String;)Ljava/lang/String;",
                operation, ttlSeconds, "");
    }

    static MethodCache attach(CacheRuntime runtime, String operation, long ttlSeconds) {
        MethodCache m = new MethodCache(spec(operation, ttlSeconds), new ArgumentKeys());
        runtime.attach(m);
        return m;
    }

    static CacheRuntime runtime(Settings settings, ManualClock clock) {
        return CacheRuntime.builder().settings(settings).clock(clock).build();
    }

    /** Calls a woven one-argument method the way the advice does; {@code body} is the original method body. */
    static Object call(MethodCache m, Object argument, Callable<Object> body) throws Exception {
        Object token = m.enter(m.keys.key(argument));
        if (token instanceof CachedValue v) {
            if (v.failure() != null) {
                throw (Exception) v.failure();
            }
            return v.value();
        }
        Object result = null;
        Throwable thrown = null;
        try {
            result = body.call();
        } catch (Exception e) {
            thrown = e;
        }
        m.exit(token, result, thrown);
        if (thrown != null) {
            throw (Exception) thrown;
        }
        return result;
    }

    /** @return whether the value for {@code argument} is in the memory tier now; leaves nothing behind */
    static boolean isCached(MethodCache m, Object argument) {
        Object token = m.enter(m.keys.key(argument));
        if (token instanceof CachedValue) {
            return true;
        }
        m.exit(token, null, null); // a null result is not stored: this only releases the load token
        return false;
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        awaitTrue(condition, what, 10);
    }

    static void awaitTrue(BooleanSupplier condition, String what, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting until " + what);
            Thread.sleep(1);
        }
    }
}
