package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Bytes planted in Redis that name a class (a Jackson {@code @class} property, an array-wrapped type id) never get
 * that class instantiated: the woven method's declared type is the only type that is built.
 */
class RedisPayloadSafetyIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();


    /** Set when {@link Gadget} is initialized or constructed; reading it does not initialize the gadget. */
    static final class Touched {
        static volatile boolean gadget;
    }

    /** What an attacker would like to see instantiated. */
    public static final class Gadget {
        static {
            Touched.gadget = true;
        }

        public Gadget() {
            Touched.gadget = true;
        }
    }

    /** The declared return type of the cached method. */
    public record Profile(String name, int age) {
    }

    /** The cached method. */
    static final class Service {
        Profile profile(String id) {
            return new Profile(id, 42);
        }
    }

    @Test
    void payloadsNamingAClass_neverInstantiateIt() throws Exception {
        try (RedisServer redis = RedisServers.standalone();
                CacheRuntime node = CacheRuntime.builder().settings(Settings.builder().redis(r -> r.url(redis.url()))
                        .core(c -> c.namespace(redis.namespace())).build()).build()) {
            MethodCache m = new MethodCache(new CachedMethodSpec(Service.class.getName(), "profile",
                    "(Ljava/lang/String;)L" + Profile.class.getName().replace('.', '/') + ";", "profile", 600, ""),
                    new WovenCalls.ArgumentKeys());
            node.attach(m);
            JsonValueCodec codec = JsonValueCodec.create();
            Map<String, Object> classProperty = new LinkedHashMap<>();
            classProperty.put("@class", Gadget.class.getName());
            classProperty.put("name", "planted");
            Object arrayWrapped = List.of(Gadget.class.getName(), Map.of("name", "planted"));

            try (var raw = redis.connect()) {
                raw.call("SET", redis.namespace() + ":v1:profile:a", codec.encode(classProperty, Map.class), "PX",
                        "60000");
                raw.call("SET", redis.namespace() + ":v1:profile:b", codec.encode(arrayWrapped, List.class), "PX",
                        "60000");
            }

            Object a = WovenCalls.call(m, "a", () -> new Profile("loaded", 1));
            Object b = WovenCalls.call(m, "b", () -> new Profile("loaded", 1));

            assertFalse(Touched.gadget, "the named class must never be loaded or instantiated");
            assertEquals(new Profile("loaded", 1), a, "an unknown @class property (and a missing age): a miss");
            assertEquals(new Profile("loaded", 1), b, "an array where a record belongs does not decode: a miss");
            assertEquals(2, m.operationStats().decodeFailures());
        }
    }
}
