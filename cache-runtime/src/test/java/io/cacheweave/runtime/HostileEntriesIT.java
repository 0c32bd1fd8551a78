package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Issue 13, item 1: JSON of another shape written over real Redis entries of woven methods is a miss (deleted,
 * counted as a decode failure, the method runs), never a value: objects of another shape, {@code {}}, another
 * record's JSON, an object naming a class, scalars of another kind.
 */
class HostileEntriesIT {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static final ObjectMapper TREES = new ObjectMapper();

    public record Square(double side) {
    }

    public record Profile(String name, int age) {
    }

    /** The cached methods; each body's value is what a miss must return. */
    public static final class Service {
        public Square square(String id) {
            return new Square(1);
        }

        public Profile profile(String id) {
            return new Profile("loaded", 1);
        }

        public String text(String id) {
            return "loaded";
        }

        public long count(String id) {
            return 1L;
        }

        public int score(String id) {
            return 1;
        }

        public List<Square> squares(String id) {
            return List.of(new Square(1));
        }

        public Map<String, Square> byName(String id) {
            return Map.of("loaded", new Square(1));
        }

        public Optional<Square> maybe(String id) {
            return Optional.of(new Square(1));
        }

        public Instant created(String id) {
            return Instant.EPOCH;
        }
    }

    /** Objects that are no {@code Square} and no {@code Profile}. */
    private static final String OBJECTS = "{} | {\"@class\":\"java.net.URL\",\"side\":2.5}"
            + " | {\"kind\":\"square\",\"r\":2.5} | {\"side\":\"2.5\"} | {\"side\":2.5,\"r\":1} | [2.5] | \"2.5\" | 2.5"
            + " | null | {\"side\":null} | {\"side\":true}";

    /** Per method: payloads that are not JSON of its declared type, separated by {@code |}. */
    private static final Map<String, String> HOSTILE = Map.of(
            "square", OBJECTS + " | {\"name\":\"ann\",\"age\":3}",
            "profile", OBJECTS + " | {\"side\":2.5} | {\"name\":\"ann\"} | {\"name\":\"ann\",\"age\":12.75} | {\"name\":7,\"age\":3}"
                    + " | {\"name\":\"ann\",\"age\":\"3\"} | {\"name\":\"ann\",\"age\":3,\"@type\":\"x\"}",
            "text", "12345 | 12.75 | true | {} | [] | [\"a\"] | {\"value\":\"x\"} | null",
            "count", "\"12345\" | 12.75 | 1e2 | true | \"\" | {} | [1] | null | 99999999999999999999",
            "score", "12.75 | \"12\" | 2147483648 | true | null | {\"score\":1} | [1]",
            "squares", "{} | [{}] | [{\"side\":\"1\"}] | {\"side\":1.0} | [1.0] | \"x\" | [{\"r\":1.0}] | [null, {}]",
            "byName", "[] | {\"a\":{}} | {\"a\":1} | {\"a\":{\"r\":1}} | {\"a\":{\"side\":1,\"x\":2}} | \"a\"",
            "maybe", "{} | {\"r\":2.5} | \"x\" | [] | 2.5 | {\"side\":\"2.5\"}",
            "created", "12345 | \"12345\" | 12.75 | [2026,12,5] | \"2026-12-05\" | {} | \"PT1H\" | \"12:00:00\"");

    @Test
    void hostilePayloadsOverRealEntries_areMissesNeverValues() throws Exception {
        JsonValueCodec codec = JsonValueCodec.create();
        try (RedisServer redis = RedisServers.standalone();
                CacheRuntime writer = node(redis);
                CacheRuntime reader = node(redis)) {
            List<String> served = new ArrayList<>();
            int payloads = 0;
            long failures = 0;
            for (Map.Entry<String, String> e : HOSTILE.entrySet()) {
                Method method = Service.class.getMethod(e.getKey(), String.class);
                MethodCache writes = attach(writer, method);
                MethodCache reads = attach(reader, method);
                Object loaded = method.invoke(new Service(), "id");
                List<String> hostile = Arrays.stream(e.getValue().split(" \\| ")).map(String::strip).toList();
                for (String json : hostile) {
                    String id = "k" + payloads++;
                    WovenCalls.call(writes, id, () -> loaded); // a real entry, written through to Redis
                    String key = redis.namespace() + ":v1:" + method.getName() + ":" + id;
                    JsonNode payload = TREES.readTree(json);
                    byte[] bytes = codec.encode(payload, JsonNode.class); // a real envelope around the JSON
                    assertEquals("OK", redis.call("SET", key, bytes, "KEEPTTL"));
                    Object marker = marker(loaded);
                    Object got = WovenCalls.call(reads, id, () -> marker);
                    if (got != marker) {
                        served.add(method.getName() + " <- " + json + " served as " + got);
                    }
                    assertFalse(new String(bytes, StandardCharsets.UTF_8).equals(redis.call("GET", key)),
                            () -> method.getName() + " <- " + json + ": the hostile entry was deleted (and the loaded value written)");
                }
                failures += reads.operationStats().decodeFailures();
            }
            assertEquals(List.of(), served, "hostile payloads served as values");
            assertEquals(payloads, failures, "every hostile payload is counted as a decode failure");
            assertEquals(HOSTILE.size(), logs.find(Level.WARN, "removing an entry of").size(),
                    "the first undecodable entry of each operation is a warning");
            assertEquals(payloads - HOSTILE.size(), logs.find(Level.DEBUG, "removing an entry of").size(),
                    "later ones of the same operation are logged at DEBUG:\n" + logs.describe());
        }
    }

    @Test
    void zstdBombOverARealEntry_isAMissWithoutALargeAllocation() throws Exception {
        byte[] bomb = io.cacheweave.runtime.codec.Bombs.zstd(100_000_000); // a few KB stating 100 MB of JSON
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (RedisServer redis = RedisServers.standalone();
                CacheRuntime writer = node(redis);
                CacheRuntime reader = node(redis)) {
            Method method = Service.class.getMethod("text", String.class);
            MethodCache writes = attach(writer, method);
            MethodCache reads = attach(reader, method);
            WovenCalls.call(writes, "bomb", () -> "real");
            String key = redis.namespace() + ":v1:text:bomb";
            assertEquals("OK", redis.call("SET", key, bomb, "KEEPTTL"));
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            Object got = WovenCalls.call(reads, "bomb", () -> "loaded");
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertEquals("loaded", got, "a miss: the method ran");
            assertEquals(1, reads.operationStats().decodeFailures());
            org.junit.jupiter.api.Assertions.assertTrue(allocated < 8L * 1024 * 1024, "allocated " + allocated + " bytes reading the bomb");
            assertFalse(new String(bomb, StandardCharsets.UTF_8).equals(redis.call("GET", key)), "deleted");
            logs.assertOnce(Level.WARN, "removing an entry of text that does not decode as java.lang.String (TOO_LARGE)");
        }
    }

    /** A value equal to the method's own result but a distinct instance, so a served entry cannot pass for it. */
    private static Object marker(Object loaded) {
        if (loaded instanceof Long n) {
            return Long.valueOf(n.longValue() + 1_000_000_000L);
        }
        if (loaded instanceof Integer n) {
            return Integer.valueOf(n.intValue() + 1_000_000);
        }
        if (loaded instanceof String s) {
            return new String(s);
        }
        if (loaded instanceof Instant i) {
            return i.plusNanos(1);
        }
        if (loaded instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (loaded instanceof Map<?, ?> m) {
            return new java.util.HashMap<>(m);
        }
        if (loaded instanceof Optional<?> o) {
            return Optional.of(o.orElseThrow());
        }
        if (loaded instanceof Square s) {
            return new Square(s.side());
        }
        return new Profile("loaded", 1);
    }

    private static CacheRuntime node(RedisServer redis) {
        return CacheRuntime.builder().settings(redis.settings().build()).build();
    }

    private static MethodCache attach(CacheRuntime runtime, Method method) {
        String descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                .toMethodDescriptorString();
        MethodCache m = new MethodCache(new CachedMethodSpec(Service.class.getName(), method.getName(), descriptor,
                method.getName(), 600, ""), new WovenCalls.ArgumentKeys());
        runtime.attach(m);
        return m;
    }
}
