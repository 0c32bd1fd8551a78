package io.cacheweave.runtime;

import static io.cacheweave.runtime.WovenCalls.attach;
import static io.cacheweave.runtime.WovenCalls.call;
import static io.cacheweave.runtime.WovenCalls.isCached;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import io.cacheweave.runtime.woven.CachedValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

class CacheRuntimeTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();


    private static final List<String> ARGUMENTS = List.of("a", "ab", "a:b", "a*", "b", "x?y");

    private CacheRuntime runtime;
    private MethodCache users;
    private MethodCache orders;

    @BeforeEach
    void fill() throws Exception {
        runtime = WovenCalls.runtime(Settings.create(), new ManualClock());
        users = attach(runtime, "users", 60);
        orders = attach(runtime, "orders", 60);
        for (String argument : ARGUMENTS) {
            call(users, argument, () -> "user " + argument);
            call(orders, argument, () -> "order " + argument);
        }
    }

    private static Set<String> cached(MethodCache m) {
        Set<String> present = new TreeSet<>();
        for (String argument : ARGUMENTS) {
            if (isCached(m, argument)) {
                present.add(argument);
            }
        }
        return present;
    }

    private String pattern(String operation, String value, String suffix) {
        return runtime.patternWriter().literal(operation + ":").value(value).literal(suffix).toString();
    }

    @Test
    void pattern_renderedValueRemovesExactlyThatEntry() {
        runtime.invalidatePattern(pattern("users", "a:b", ""));
        assertEquals(new TreeSet<>(List.of("a", "ab", "a*", "b", "x?y")), cached(users));
        assertEquals(Set.copyOf(ARGUMENTS), cached(orders));
    }

    @Test
    void pattern_valueWithWildcardStaysLiteral() {
        runtime.invalidatePattern(pattern("users", "a*", ""));
        assertEquals(new TreeSet<>(List.of("a", "ab", "a:b", "b", "x?y")), cached(users));
        runtime.invalidatePattern(pattern("users", "x?y", ""));
        assertEquals(new TreeSet<>(List.of("a", "ab", "a:b", "b")), cached(users));
    }

    @Test
    void pattern_wildcardRemovesEveryMatch() {
        runtime.invalidatePattern("users:a*");
        assertEquals(Set.of("b", "x?y"), cached(users));
        assertEquals(Set.copyOf(ARGUMENTS), cached(orders));
    }

    @Test
    void pattern_wholeOperation() {
        runtime.invalidatePattern("users:*");
        assertEquals(Set.of(), cached(users));
        assertEquals(Set.copyOf(ARGUMENTS), cached(orders));
    }

    @Test
    void pattern_acrossOperations() {
        runtime.invalidatePattern("*:b");
        // A written * crosses parts but matches whole characters: users:a\:b has the one part "a:b", not "b".
        assertEquals(new TreeSet<>(List.of("a", "a:b", "ab", "a*", "x?y")), cached(users));
        assertEquals(new TreeSet<>(List.of("a", "a:b", "ab", "a*", "x?y")), cached(orders));
        assertEquals(1, runtime.stats("users").orElseThrow().invalidations());
        assertEquals(1, runtime.stats("orders").orElseThrow().invalidations());
    }

    @Test
    void pattern_otherOperationUntouchedAndUncounted() {
        runtime.invalidatePattern("orders:*");
        assertEquals(0, runtime.stats("users").orElseThrow().invalidations());
        assertEquals(1, runtime.stats("orders").orElseThrow().invalidations());
        assertEquals(Set.copyOf(ARGUMENTS), cached(users));
    }

    @Test
    void pattern_malformedThrows() {
        assertThrows(IllegalArgumentException.class, () -> runtime.invalidatePattern("users:[a"));
        assertThrows(NullPointerException.class, () -> runtime.invalidatePattern(null));
        assertEquals(Set.copyOf(ARGUMENTS), cached(users));
    }

    @Test
    void operation_removesEveryEntryOfIt() {
        runtime.invalidateOperation("users");
        assertEquals(Set.of(), cached(users));
        assertEquals(Set.copyOf(ARGUMENTS), cached(orders));
        assertEquals(1, runtime.stats("users").orElseThrow().invalidations());
    }

    @Test
    void invalidateAll_removesEverything() {
        runtime.invalidateAll();
        assertEquals(Set.of(), cached(users));
        assertEquals(Set.of(), cached(orders));
    }

    @Test
    void inFlightLoad_startedBeforePatternInvalidationDoesNotStore() {
        Object token = users.enter("fresh");
        runtime.invalidatePattern("users:fr*");
        users.exit(token, "stale", null);
        assertFalse(isCached(users, "fresh"));
    }

    @Test
    void inFlightLoad_startedBeforeWholeOperationPatternDoesNotStore() {
        Object token = users.enter("fresh");
        runtime.invalidatePattern("users:*");
        users.exit(token, "stale", null);
        assertFalse(isCached(users, "fresh"));
    }

    @Test
    void inFlightLoad_startedBeforeOperationInvalidationDoesNotStore() {
        Object token = users.enter("fresh");
        runtime.invalidateOperation("users");
        users.exit(token, "stale", null);
        assertFalse(isCached(users, "fresh"));
    }

    @Test
    void inFlightLoad_ofOtherOperationStillStores() {
        Object token = orders.enter("fresh");
        runtime.invalidatePattern("users:*");
        runtime.invalidateOperation("users");
        orders.exit(token, "fine", null);
        assertTrue(isCached(orders, "fresh"));
    }

    @Test
    void inFlightLoad_startedAfterInvalidationStores() {
        runtime.invalidateOperation("users");
        Object token = users.enter("fresh");
        users.exit(token, "new", null);
        assertTrue(isCached(users, "fresh"));
    }

    @Test
    void attach_secondMethodClaimingOperationIsDisabled() throws Exception {
        MethodCache first = users;
        MethodCache second = new MethodCache(new CachedMethodSpec("com.acme.Other", "load",
                "(Ljava/lang/String;)Ljava/lang/String;", "users", 60, ""), new WovenCalls.ArgumentKeys());
        runtime.attach(second);
        assertNull(second.enter("a"), "the second method runs uncached");
        assertEquals(0, second.size());
        assertInstanceOf(CachedValue.class, first.enter("a"), "the first keeps its cache");
        runtime.attach(first); // binding again starts a fresh memory tier, still enabled
        Object token = first.enter("a");
        assertNotNull(token, "attaching the owner again keeps it enabled");
        first.exit(token, "again", null);
        assertInstanceOf(CachedValue.class, first.enter("a"));        logs.assertOnce(Level.ERROR, "operation \"users\" is declared by both");
    }

    @Test
    void stats_listsEveryOperationSorted() {
        Map<String, ?> all = runtime.stats();
        assertEquals(List.of("orders", "users"), List.copyOf(all.keySet()));
        assertEquals(Optional.empty(), runtime.stats("nobody"));
        assertEquals(ARGUMENTS.size(), runtime.stats("users").orElseThrow().loads());
    }
}
