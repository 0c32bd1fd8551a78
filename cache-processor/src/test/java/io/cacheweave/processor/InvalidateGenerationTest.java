package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.cacheweave.runtime.Invalidator;
import io.cacheweave.runtime.key.GlobPattern;
import io.cacheweave.runtime.woven.CachedMethod;
import io.cacheweave.runtime.woven.InvalidateFunction;
import io.cacheweave.runtime.woven.InvalidatingMethod;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated invalidations of {@code good/com/acme/invalidate/AccountService.java}: exact keys rendered as
 * the {@code @Cached} method renders them, and the split into invalidations on entry and after a normal return.
 */
class InvalidateGenerationTest {
    private static final String PKG = "com.acme.invalidate.";
    private static final String HOLDER = PKG + "AccountService_CacheweaveKeys";
    private static Compilation c;
    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        c = Compilations.compile("good/com/acme/invalidate/AccountService.java");
        assertThat(c).succeededWithoutWarnings();
        loader = Compilations.classLoader(c);
    }

    @Test
    void key_rendersTheKeyTextOfTheCachedMethod() throws Exception {
        String value = "a:b*[c]\\";
        CachedMethod account = (CachedMethod) field("CACHED_account_0");
        assertEquals(List.of("key account " + account.logicalKey(account.keys.key(value)).substring(8)),
                recorded("INVALIDATE_update_2", false, value));
        assertEquals(List.of(), recorded("INVALIDATE_update_2", true, value), "no beforeInvocation here");
    }

    @Test
    void key_throughTheRuntimeMatchesExactlyThatKey() throws Exception {
        CachedMethod account = (CachedMethod) field("CACHED_account_0");
        String value = "a*";
        List<String> patterns = patterns("INVALIDATE_update_2", false, value);
        assertEquals(1, patterns.size());
        GlobPattern glob = GlobPattern.compile(patterns.get(0));
        assertTrue(glob.matches(account.logicalKey(account.keys.key(value))), patterns.get(0));
        assertFalse(glob.matches(account.logicalKey(account.keys.key("ab"))), patterns.get(0));
        assertFalse(glob.matches(account.logicalKey(account.keys.key("a"))), patterns.get(0));
    }

    @Test
    void beforeAndAfter_runSeparately_inAnnotationOrder() throws Exception {
        CachedMethod ledger = (CachedMethod) field("CACHED_ledger_1");
        Object request = loader.loadClass(PKG + "AccountService$Request").getConstructors()[0]
                .newInstance("ann:x", "why");
        String ledgerKey = ledger.logicalKey(ledger.keys.key("ann:x", 2024));
        assertEquals(List.of("key ledger " + ledgerKey.substring("ledger:".length()), "pattern ledger:ann\\\\:x:*"),
                recorded("INVALIDATE_rewrite_3", true, request, 2024));
        assertEquals(List.of("operation account"), recorded("INVALIDATE_rewrite_3", false, request, 2024));
        assertEquals(List.of("operation account"), recorded("INVALIDATE_reset_4", true));
        assertEquals(List.of(), recorded("INVALIDATE_reset_4", false));
    }

    @Test
    void spec_listsTargetsWithWhenTheyRun() throws Exception {
        assertEquals(List.of("key=ledger:{request.user}:{year} beforeInvocation", "operation=account",
                "pattern=ledger:{request.user}:* beforeInvocation"),
                ((InvalidatingMethod) field("INVALIDATE_rewrite_3")).spec.targets());
    }

    @Test
    void index_kindSaysWhenInvalidationsRun() {
        String index = Compilations.index(c);
        assertTrue(index.contains("\ninvalidate com.acme.invalidate.AccountService update "), index);
        assertTrue(index.contains("\ninvalidate-both com.acme.invalidate.AccountService rewrite "), index);
        assertTrue(index.contains("\ninvalidate-before com.acme.invalidate.AccountService reset "), index);
    }

    private static Object field(String name) throws Exception {
        return loader.loadClass(HOLDER).getField(name).get(null);
    }

    private static InvalidateFunction function(String name) throws Exception {
        return RecordingInvalidator.function((InvalidatingMethod) field(name));
    }

    /** @return the calls, with {@code key} recorded as such */
    private static List<String> recorded(String name, boolean before, Object... args) throws Exception {
        RecordingInvalidator recorder = new RecordingInvalidator() {
            @Override
            public void invalidateKey(String operation, String renderedKey) {
                calls.add("key " + operation + " " + renderedKey);
            }
        };
        function(name).invalidate(args, recorder, before);
        return recorder.calls;
    }

    /** @return the patterns, with {@code key} taking the default way through {@link Invalidator#invalidatePattern} */
    private static List<String> patterns(String name, boolean before, Object... args) throws Exception {
        RecordingInvalidator recorder = new RecordingInvalidator();
        function(name).invalidate(args, recorder, before);
        return recorder.calls.stream().map(call -> call.substring("pattern ".length())).toList();
    }
}
