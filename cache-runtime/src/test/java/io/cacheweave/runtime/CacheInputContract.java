package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input and the rules of names, for each configuration: a clear exception, and nothing stored. */
abstract class CacheInputContract extends CacheContract {

    private static void rejected(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void badKeysValuesAndTtls_rejectedBeforeStoring() {
        rejected("key must not be null", () -> cache.put(null, note("v")));
        rejected("key must not be empty", () -> cache.put("", note("v")));
        rejected("key must not be null", () -> cache.get(null));
        rejected("value must not be null", () -> cache.put("k", null));
        rejected("ttl must be positive: PT0S", () -> cache.put("k", note("v"), Duration.ZERO));
        rejected("ttl must be positive: PT-1S", () -> cache.put("k", note("v"), Duration.ofSeconds(-1)));
        rejected("ttl must be positive: PT-1S", () -> cache.getOrLoad("k", k -> note("v"), Duration.ofSeconds(-1)));
        rejected("seconds must be positive: 0", () -> cache.extendTtl("k", 0));
        rejected("seconds must be positive: -5", () -> cache.extendTtl("k", -5));
        rejected("loader must not be null", () -> cache.getOrLoad("k", null));
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> cache.invalidatePattern("user[", "why"));
        assertTrue(malformed.getMessage().startsWith("pattern must be a well-formed glob: \"user[\" ("),
                malformed.getMessage());
        rejected("pattern must not be null", () -> cache.invalidatePattern(null, "why"));
        rejected("prefix must not be null", () -> cache.keys(null));
        rejected("keys must not be null", () -> cache.getAll(null));
        rejected("entries must not be null", () -> cache.putAll(null, Duration.ofMinutes(1)));
        assertFalse(cache.exists("k"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void valueOfAnotherType_rejected() {
        Cache raw = cache;
        rejected("value must be a " + Note.class.getName() + ": java.lang.String", () -> raw.put("k", "text"));
        assertFalse(cache.exists("k"));
    }

    @Test
    void putAll_oneBadEntry_storesNone() {
        Map<String, Note> entries = new HashMap<>();
        entries.put("good", note("g"));
        entries.put("bad", null);
        rejected("value of bad must not be null", () -> cache.putAll(entries, Duration.ofMinutes(1)));
        assertNull(cache.get("good"));
    }

    @Test
    void unwritableValue_rejectedWithASharedTier_keptInMemoryWithout() {
        Cache<String, Unwritable> unwritable = runtime.<String, Unwritable>cacheBuilder(name + "-unwritable")
                .valueType(Unwritable.class).build();
        Unwritable value = new Unwritable();
        if (hasSharedTier()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unwritable.put("k", value));
            assertTrue(e.getMessage().startsWith("value of k cannot be written as " + Unwritable.class.getName()),
                    e.getMessage());
            assertNull(unwritable.get("k"), "nothing stored, in any tier");
            assertSame(value, unwritable.getOrLoad("k", k -> value), "a loaded value is still returned");
        } else {
            unwritable.put("k", value); // memory only: no codec is involved
            assertSame(value, unwritable.get("k"));
        }
    }

    @Test
    void names_followTheRulesOfOperations() {
        rejected("name must be non-empty, without ':' '*' '?' '[' ']' '\\' or white space: \"a:b\"",
                () -> runtime.cache("a:b", String.class));
        rejected("name must be non-empty, without ':' '*' '?' '[' ']' '\\' or white space: \"\"",
                () -> runtime.cache("", String.class));
        rejected("name must not be null", () -> runtime.cache(null, String.class));
        rejected("valueType must be set: cache \"x\"", () -> runtime.cacheBuilder("x").build());
    }

    @Test
    void sameNameTwice_sameCache_otherTypeRejected() {
        assertSame(cache, runtime.cache(name, Note.class));
        rejected("valueType of cache \"" + name + "\" is already " + Note.class.getTypeName() + ": java.lang.String",
                () -> runtime.cache(name, String.class));
    }

    @Test
    void nameOfACachedOperation_rejected_andAMethodCannotTakeACachesName() throws Exception {
        WovenCalls.textMethod(runtime, "woven-" + name, 60, false);
        rejected("name must not be the operation of a @Cached method: \"woven-" + name + "\"; a programmatic cache "
                + "and a method would share their keys", () -> runtime.cache("woven-" + name, String.class));
        MethodCache late = WovenCalls.textMethod(runtime, name, 60, false);
        WovenCalls.call(late, "x", () -> "v");
        assertFalse(late.inMemory("x"), "the method runs uncached");
        assertEquals(List.of(), cache.keys(""));
    }

    @Test
    void configuredTtl_beatsTheBuilders() {
        runtime.close();
        runtime = newRuntime(clock, settings().core(c -> c.operationTtl(name, Duration.ofSeconds(42))).build());
        Cache<String, Note> configured = runtime.<String, Note>cacheBuilder(name).valueType(Note.class)
                .ttl(Duration.ofHours(5)).build();
        configured.put("k", note("v"));
        Duration left = configured.remainingTtl("k").orElseThrow();
        assertTrue(left.compareTo(Duration.ofSeconds(37)) > 0 && left.compareTo(Duration.ofSeconds(42)) <= 0,
                left.toString());
    }
}
