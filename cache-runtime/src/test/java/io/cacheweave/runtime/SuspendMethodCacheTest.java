package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import io.cacheweave.runtime.woven.CachedValue;
import java.util.ArrayList;
import java.util.List;
import kotlin.Result;
import kotlin.ResultKt;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The suspend-function protocol of {@link MethodCache} (resumed, enter, suspendLoad, exitSuspend, joinSuspended)
 * driven by hand the way {@code SuspendMethodAdvice} drives it, with the body's suspension and resumption played by
 * the test: orders of events that the Kotlin sample's tests cannot force.
 */
class SuspendMethodCacheTest {
    private static final Object SUSPENDED = IntrinsicsKt.getCOROUTINE_SUSPENDED();
    private final CacheRuntime runtime = CacheRuntime.builder().settings(Settings.create()).build();
    private final MethodCache cache = attach();

    /** A suspend function as the JVM has it, so the runtime finds its declared result type, {@code String}. */
    static final class Service {
        Object user(String id, Continuation<? super String> completion) {
            return null;
        }
    }

    /** A caller's continuation that records what it is resumed with. */
    static final class Caller implements Continuation<Object> {
        final List<Object> results = new ArrayList<>();

        @Override
        public CoroutineContext getContext() {
            return EmptyCoroutineContext.INSTANCE;
        }

        @Override
        public void resumeWith(Object result) {
            results.add(result);
        }
    }

    private MethodCache attach() {
        MethodCache m = new MethodCache(new CachedMethodSpec(Service.class.getName(), "user",
                "(Ljava/lang/String;Lkotlin/coroutines/Continuation;)Ljava/lang/Object;", "kt-unit-user", 60, ""),
                new WovenCalls.ArgumentKeys());
        runtime.attach(m);
        return m;
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    /** Enter as the advice does: the hit, or {@code null} and the call to run the body with (in {@code call[0]}). */
    private Object enter(String id, Object completion, Object[] call) {
        assertNull(cache.resumed(completion), "a new call is no re-entry");
        Object found = cache.enter(cache.keys.key(id));
        if (found instanceof CachedValue) {
            return found;
        }
        call[0] = cache.suspendLoad(found, completion);
        return null;
    }

    @Test
    void load_suspends_storesTheResumedValue_beforeTheCallerResumes() {
        Caller caller = new Caller();
        Object[] call = new Object[1];
        assertNull(enter("a", caller, call));
        assertInstanceOf(Continuation.class, call[0], "the body runs with the cache's continuation");
        assertSame(SUSPENDED, cache.exitSuspend(call[0], SUSPENDED, null));

        Caller joiner = new Caller();
        Object inFlight = cache.enter(cache.keys.key("a"));
        assertTrue(((CachedValue) inFlight).isInFlight());
        assertSame(SUSPENDED, assertDoesNotThrow(() -> cache.joinSuspended((CachedValue) inFlight, joiner)));

        @SuppressWarnings("unchecked")
        Continuation<Object> body = (Continuation<Object>) call[0];
        body.resumeWith("user:a");
        assertEquals(List.of("user:a"), caller.results);
        assertEquals(List.of("user:a"), joiner.results, "the joiner shared the load");
        CachedValue hit = (CachedValue) cache.enter(cache.keys.key("a"));
        assertEquals("user:a", hit.value());
        assertEquals(1, cache.operationStats().loads());
    }

    @Test
    void resumptionOnAnotherThread_beforeTheFirstReturn_isStoredOnce() {
        Caller caller = new Caller();
        Object[] call = new Object[1];
        enter("b", caller, call);
        @SuppressWarnings("unchecked")
        Continuation<Object> body = (Continuation<Object>) call[0];
        body.resumeWith("user:b"); // the state machine resumed before the first invocation's exit advice ran
        assertSame(SUSPENDED, cache.exitSuspend(call[0], SUSPENDED, null));

        assertEquals(List.of("user:b"), caller.results);
        assertEquals("user:b", ((CachedValue) cache.enter(cache.keys.key("b"))).value());
        assertEquals(1, cache.operationStats().loads());
    }

    @Test
    void valueReturnedWithoutSuspending_isStored() {
        Caller caller = new Caller();
        Object[] call = new Object[1];
        enter("c", caller, call);
        assertEquals("user:c", cache.exitSuspend(call[0], "user:c", null));
        assertTrue(caller.results.isEmpty(), "a value returned at once is not also resumed with");
        assertEquals("user:c", ((CachedValue) cache.enter(cache.keys.key("c"))).value());
    }

    @Test
    void failure_isNeverStored_andReachesTheJoiner() throws Throwable {
        Caller caller = new Caller();
        Object[] call = new Object[1];
        enter("d", caller, call);
        cache.exitSuspend(call[0], SUSPENDED, null);
        Caller joiner = new Caller();
        cache.joinSuspended((CachedValue) cache.enter(cache.keys.key("d")), joiner);

        IllegalStateException failure = new IllegalStateException("backend down");
        @SuppressWarnings("unchecked")
        Continuation<Object> body = (Continuation<Object>) call[0];
        body.resumeWith(ResultKt.createFailure(failure));

        assertSame(failure, ((Result.Failure) caller.results.get(0)).exception);
        assertSame(failure, ((Result.Failure) joiner.results.get(0)).exception);
        Object next = cache.enter(cache.keys.key("d"));
        assertNotNull(next);
        assertTrue(!(next instanceof CachedValue), "nothing stored: the next caller loads, got " + next);
        cache.exitSuspend(cache.suspendLoad(next, new Caller()), "user:d", null);
        assertEquals(1, cache.operationStats().loadFailures());
    }

    @Test
    void joinAfterTheLoadFailed_throwsItsFailure() {
        Caller caller = new Caller();
        Object[] call = new Object[1];
        enter("e", caller, call);
        CachedValue inFlight;
        cache.exitSuspend(call[0], SUSPENDED, null);
        inFlight = (CachedValue) cache.enter(cache.keys.key("e"));
        IllegalStateException failure = new IllegalStateException("gone");
        @SuppressWarnings("unchecked")
        Continuation<Object> body = (Continuation<Object>) call[0];
        body.resumeWith(ResultKt.createFailure(failure));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> cache.joinSuspended(inFlight,
                new Caller())));
    }

    @Test
    void uncachedCall_runsWithAPassThroughContinuation() {
        CacheRuntime disabled = CacheRuntime.builder().settings(Settings.builder()
                .core(c -> c.enabled(false)).build()).build();
        try {
            MethodCache m = new MethodCache(cache.spec, cache.keys);
            disabled.attach(m);
            Caller caller = new Caller();
            assertNull(m.enter(m.keys.key("f")), "disabled: run the body");
            Object call = m.suspendLoad(null, caller);
            assertInstanceOf(Continuation.class, call, "so the state machine's re-entries are recognised");
            @SuppressWarnings("unchecked")
            Continuation<Object> body = (Continuation<Object>) call;
            m.exitSuspend(call, SUSPENDED, null);
            body.resumeWith("user:f");
            assertEquals(List.of("user:f"), caller.results);
        } finally {
            disabled.close();
        }
    }

    private static <T> T assertDoesNotThrow(ThrowingSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Throwable t) {
            throw new AssertionError("threw", t);
        }
    }

    private interface ThrowingSupplier<T> {
        T get() throws Throwable;
    }
}
