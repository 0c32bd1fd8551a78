package io.cacheweave.agent;

import io.cacheweave.runtime.woven.CachedMethod;
import io.cacheweave.runtime.woven.CachedValue;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inline advice of {@code @Cached} methods: one enter class per arity, so that up to
 * {@link io.cacheweave.runtime.key.KeyFunction#MAX_SPREAD_ARITY} arguments reach the key function without an
 * argument array, and one shared {@link Exit}. The code is copied into the woven method: it may only call public
 * runtime API, and its signatures use {@code Object} so that the agent never needs the runtime classes itself.
 *
 * <p>Enter returns the hit ({@link CachedValue}), so a non-null value skips the body, and leaves a load token in
 * the local {@code token}. Exit hands back the hit's value (or rethrows a waited-for failure), or finishes the
 * load. The advice suppresses its own exceptions: a cache failure never reaches the caller.
 */
final class CachedMethodAdvice {
    private CachedMethodAdvice() {
    }


    static final class Enter0 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle, @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            Object found = cache.enter(cache.keys.key());
            token = found instanceof CachedValue ? null : found;
            return token == null ? found : null;
        }
    }

    static final class Enter1 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle, @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            Object found = cache.enter(cache.keys.key(a0));
            token = found instanceof CachedValue ? null : found;
            return token == null ? found : null;
        }
    }

    static final class Enter2 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle, @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object a1,
                @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            Object found = cache.keys.lookup(cache, a0, a1); // a two-part key's hit makes no key tuple
            token = found instanceof CachedValue ? null : found;
            return token == null ? found : null;
        }
    }

    static final class Enter3 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle, @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object a1,
                @Advice.Argument(value = 2, typing = Assigner.Typing.DYNAMIC) Object a2,
                @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            Object found = cache.enter(cache.keys.key(a0, a1, a2));
            token = found instanceof CachedValue ? null : found;
            return token == null ? found : null;
        }
    }

    static final class Enter4 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle, @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object a1,
                @Advice.Argument(value = 2, typing = Assigner.Typing.DYNAMIC) Object a2,
                @Advice.Argument(value = 3, typing = Assigner.Typing.DYNAMIC) Object a3,
                @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            Object found = cache.enter(cache.keys.key(a0, a1, a2, a3));
            token = found instanceof CachedValue ? null : found;
            return token == null ? found : null;
        }
    }

    /** More than {@link io.cacheweave.runtime.key.KeyFunction#MAX_SPREAD_ARITY} parameters: one argument array. */
    static final class EnterN {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle, @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args,
                @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            Object found = cache.enter(cache.keys.key(args));
            token = found instanceof CachedValue ? null : found;
            return token == null ? found : null;
        }
    }

    /**
     * Enter of methods with refresh-ahead: passes the receiver and the arguments along, so that a hit on an old
     * entry can start a background reload. Costs one argument array per call.
     */
    static final class EnterRefresh {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle, @Advice.This(optional = true) Object self,
                @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args,
                @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            Object[] arguments = args;
            Object found = cache.enterRefreshing(cache.keys.key(arguments), self, arguments);
            token = found instanceof CachedValue ? null : found;
            return token == null ? found : null;
        }
    }

    static final class Exit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@CacheHandle Object handle, @Advice.Enter Object hit, @Advice.Local("token") Object token,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
            if (hit != null) {
                CachedValue value = (CachedValue) hit;
                if (value.failure() != null) {
                    thrown = value.failure();
                } else {
                    returned = value.value();
                }
            } else if (token != null) {
                ((CachedMethod) handle).exit(token, returned, thrown);
            }
        }
    }

    /**
     * Exit of methods returning {@code CompletableFuture}, {@code CompletionStage}, or Reactor's {@code Mono} or
     * {@code Flux}: hits become futures or publishers of the stored value, and a load hands back what the runtime
     * shares among the callers of its key.
     */
    static final class AsyncExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@CacheHandle Object handle, @Advice.Enter Object hit, @Advice.Local("token") Object token,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
            if (hit != null) {
                CachedValue value = (CachedValue) hit;
                if (value.failure() != null) {
                    thrown = value.failure();
                } else {
                    returned = ((CachedMethod) handle).future(value);
                }
            } else if (token != null) {
                returned = ((CachedMethod) handle).exitAsync(token, returned, thrown);
            }
        }
    }
}
