package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An ACL user and password in the Redis URL; a wrong password fails open and never reaches the caller. */
class RedisAclIT {
    @RegisterExtension
    static final LogCapture logs = new LogCapture();


    @Test
    void aclUserInTheUrl_isUsed_andAWrongPasswordFailsOpen() throws Exception {
        try (RedisServer redis = RedisServers.local()) {
            redis.call("ACL", "SETUSER", "cwuser", "on", ">s3cret", "~*", "&*", "+@all");
            String authenticated = "redis://cwuser:s3cret@127.0.0.1:" + redis.port();
            AtomicInteger loads = new AtomicInteger();
            try (CacheRuntime a = runtime(authenticated, redis); CacheRuntime b = runtime(authenticated, redis)) {
                WovenCalls.call(WovenCalls.textMethod(a, "acl", 600, false), "1", () -> "v" + loads.incrementAndGet());
                Object fromRedis = WovenCalls.call(WovenCalls.textMethod(b, "acl", 600, false), "1",
                        () -> "v" + loads.incrementAndGet());
                assertEquals("v1", fromRedis);
                assertEquals(1, loads.get());
            }
            String wrong = "redis://cwuser:wrong@127.0.0.1:" + redis.port();
            try (CacheRuntime c = runtime(wrong, redis)) {
                MethodCache m = WovenCalls.textMethod(c, "acl", 600, false);
                assertEquals("v2", WovenCalls.call(m, "2", () -> "v" + loads.incrementAndGet()));
                assertEquals("v3", WovenCalls.call(m, "2", () -> "v" + loads.incrementAndGet()));
                assertEquals(3, loads.get(), "the method runs (fail-open); the memory tier is not served while "
                        + "the invalidation bus cannot log in either");
                assertTrue(redis.keys().stream().noneMatch(k -> k.endsWith(":acl:2")), redis.keys().toString());
            }
            logs.assertLogged(Level.WARN, "cannot connect redis tier at redis://cwuser:***@127.0.0.1:" + redis.port());
            assertTrue(logs.events().stream().noneMatch(e -> e.message().contains(":wrong@")),
                    "the password never reaches the log:\n" + logs.describe());
        }
    }

    private static CacheRuntime runtime(String url, RedisServer redis) {
        return CacheRuntime.builder().settings(Settings.builder().redis(r -> r.url(url))
                .core(c -> c.namespace(redis.namespace()))
                .build()).build();
    }
}
