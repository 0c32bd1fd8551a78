package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.woven.CachedMethodSpec;
import io.cacheweave.runtime.woven.CachedValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive load protocol of {@link MethodCache} (enter, exitAsync, future) driven by hand the way the woven
 * advice drives it: the edge cases the agent's ReactiveIT does not reach.
 */
class ReactiveMethodCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder()
            .core(c -> c.fluxMaxElements(3)).build())
            .build();

    /** Real methods, so the runtime finds their declared Reactor types. */
    static final class Service {
        Mono<String> user(String id) {
            return Mono.empty();
        }

        Flux<String> members(String team) {
            return Flux.empty();
        }
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private MethodCache method(String name, String descriptor, String operation) {
        MethodCache m = new MethodCache(new CachedMethodSpec(Service.class.getName(), name, descriptor, operation,
                60, ""), new WovenCalls.ArgumentKeys());
        runtime.attach(m);
        return m;
    }

    private MethodCache user() {
        return method("user", "(Ljava/lang/String;)Lreactor/core/publisher/Mono;", "rx-unit-user");
    }

    private MethodCache members() {
        return method("members", "(Ljava/lang/String;)Lreactor/core/publisher/Flux;", "rx-unit-members");
    }

    /** What the woven method returns for one call, as CachedMethodAdvice.AsyncExit does. */
    private static Object call(MethodCache m, String argument, Supplier<Object> body) {
        Object token = m.enter(m.keys.key(argument));
        if (token instanceof CachedValue v) {
            return m.future(v);
        }
        Object returned = null;
        Throwable thrown = null;
        try {
            returned = body.get();
        } catch (RuntimeException e) {
            thrown = e;
        }
        Object result = m.exitAsync(token, returned, thrown);
        if (thrown != null) {
            throw (RuntimeException) thrown;
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Mono<String> mono(Object o) {
        return (Mono<String>) o;
    }

    @SuppressWarnings("unchecked")
    private static Flux<String> flux(Object o) {
        return (Flux<String>) o;
    }

    @Test
    void mono_loadRunsWithTheFirstSubscribersContext() {
        MethodCache m = user();
        Mono<String> body = Mono.deferContextual(ctx -> Mono.just("tenant " + ctx.get("tenant")));
        Mono<String> first = mono(call(m, "a", () -> body));
        assertEquals("tenant acme", first.contextWrite(c -> c.put("tenant", "acme")).block(WAIT));
        assertEquals("tenant acme", mono(call(m, "a", () -> Mono.just("never"))).block(WAIT));
    }

    @Test
    void mono_methodThatThrows_reachesTheCaller_andStoresNothing() {
        MethodCache m = user();
        assertThrows(IllegalStateException.class, () -> call(m, "t", () -> {
            throw new IllegalStateException("no connection");
        }));
        assertEquals("loaded", mono(call(m, "t", () -> Mono.just("loaded"))).block(WAIT));
    }

    @Test
    void mono_methodReturningNull_returnsNull_andStoresNothing() {
        MethodCache m = user();
        assertNull(call(m, "n", () -> null));
        assertEquals("later", mono(call(m, "n", () -> Mono.just("later"))).block(WAIT));
    }

    @Test
    void mono_publisherThatThrowsOnSubscribe_failsItsSubscribers_andStoresNothing() {
        MethodCache m = user();
        Mono<String> broken = mono(call(m, "b", () -> (Mono<String>) new Mono<String>() {
            @Override
            public void subscribe(reactor.core.CoreSubscriber<? super String> actual) {
                throw new IllegalArgumentException("bad publisher");
            }
        }));
        assertThrows(IllegalArgumentException.class, () -> broken.block(WAIT));
        assertEquals("fixed", mono(call(m, "b", () -> Mono.just("fixed"))).block(WAIT));
    }

    @Test
    void mono_joinerOfALoadThatFails_getsTheError_andTheNextCallerLoadsAgain() {
        MethodCache m = user();
        reactor.core.publisher.Sinks.One<String> sink = reactor.core.publisher.Sinks.one();
        Mono<String> first = mono(call(m, "j", sink::asMono));
        Mono<String> joined = mono(call(m, "j", () -> Mono.just("not run")));
        first.subscribe(v -> { }, e -> { });
        sink.tryEmitError(new IllegalStateException("down"));
        assertThrows(IllegalStateException.class, () -> joined.block(WAIT));
        assertEquals("up", mono(call(m, "j", () -> Mono.just("up"))).block(WAIT));
        assertEquals(1, m.operationStats().loadFailures());
    }

    @Test
    void flux_atTheBound_isStored_oneMore_isNotAndIsCounted() {
        MethodCache m = members();
        AtomicInteger runs = new AtomicInteger();
        Supplier<Object> three = () -> Flux.just("a", "b", "c").doOnSubscribe(s -> runs.incrementAndGet());
        assertEquals(List.of("a", "b", "c"), flux(call(m, "three", three)).collectList().block(WAIT));
        assertEquals(List.of("a", "b", "c"), flux(call(m, "three", three)).collectList().block(WAIT));
        assertEquals(1, runs.get());

        Supplier<Object> four = () -> Flux.just("a", "b", "c", "d").doOnSubscribe(s -> runs.incrementAndGet());
        assertEquals(List.of("a", "b", "c", "d"), flux(call(m, "four", four)).collectList().block(WAIT));
        assertEquals(3, runs.get(), "collected up to the bound, then the method's Flux again for the subscriber");
        assertEquals(1, m.operationStats().resultsTooLarge());
        assertTrue(!(m.enter(m.keys.key("four")) instanceof CachedValue), "not stored");
    }

    @Test
    void flux_hit_isAFluxOfTheStoredList() {
        MethodCache m = members();
        flux(call(m, "t", () -> Flux.just("x", "y"))).blockLast(WAIT);
        Object hit = call(m, "t", () -> Flux.just("never"));
        assertInstanceOf(Flux.class, hit);
        assertEquals(List.of("x", "y"), flux(hit).collectList().block(WAIT));
    }
}
