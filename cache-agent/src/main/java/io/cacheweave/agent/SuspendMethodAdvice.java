package io.cacheweave.agent;

import io.cacheweave.runtime.woven.CachedMethod;
import io.cacheweave.runtime.woven.CachedValue;
import io.cacheweave.runtime.woven.InvalidatingMethod;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inline advice of Kotlin {@code suspend} functions, as the JVM sees them: a last parameter of type
 * {@code kotlin.coroutines.Continuation} ({@link SuspendCompletion}) and a result that is the value or
 * {@code COROUTINE_SUSPENDED}. The key is made from the other parameters (one enter class per arity, as in
 * {@link CachedMethodAdvice}).
 *
 * <p>Enter first asks whether this invocation is the function's own state machine calling it again after it
 * suspended; such a re-entry runs the body untouched. Otherwise a hit skips the body and is returned without
 * suspending; a load runs the body with the runtime's continuation in place of the caller's, which stores the value
 * the function resumes with before the caller gets it; a caller that comes during another caller's load joins it
 * and suspends until it completes.
 */
final class SuspendMethodAdvice {
    private SuspendMethodAdvice() {
    }

    static final class Enter0 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle, @SuspendCompletion Object completion,
                @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            token = cache.resumed(completion);
            if (token != null) {
                return null;
            }
            Object found = cache.enter(cache.keys.key());
            if (found instanceof CachedValue) {
                return found;
            }
            token = cache.suspendLoad(found, completion);
            if (token != null) {
                completion = token;
            }
            return null;
        }
    }

    static final class Enter1 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object a0,
                @SuspendCompletion Object completion, @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            token = cache.resumed(completion);
            if (token != null) {
                return null;
            }
            Object found = cache.enter(cache.keys.key(a0));
            if (found instanceof CachedValue) {
                return found;
            }
            token = cache.suspendLoad(found, completion);
            if (token != null) {
                completion = token;
            }
            return null;
        }
    }

    static final class Enter2 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object a1,
                @SuspendCompletion Object completion, @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            token = cache.resumed(completion);
            if (token != null) {
                return null;
            }
            Object found = cache.enter(cache.keys.key(a0, a1));
            if (found instanceof CachedValue) {
                return found;
            }
            token = cache.suspendLoad(found, completion);
            if (token != null) {
                completion = token;
            }
            return null;
        }
    }

    static final class Enter3 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object a1,
                @Advice.Argument(value = 2, typing = Assigner.Typing.DYNAMIC) Object a2,
                @SuspendCompletion Object completion, @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            token = cache.resumed(completion);
            if (token != null) {
                return null;
            }
            Object found = cache.enter(cache.keys.key(a0, a1, a2));
            if (found instanceof CachedValue) {
                return found;
            }
            token = cache.suspendLoad(found, completion);
            if (token != null) {
                completion = token;
            }
            return null;
        }
    }

    static final class Enter4 {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object a1,
                @Advice.Argument(value = 2, typing = Assigner.Typing.DYNAMIC) Object a2,
                @Advice.Argument(value = 3, typing = Assigner.Typing.DYNAMIC) Object a3,
                @SuspendCompletion Object completion, @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            token = cache.resumed(completion);
            if (token != null) {
                return null;
            }
            Object found = cache.enter(cache.keys.key(a0, a1, a2, a3));
            if (found instanceof CachedValue) {
                return found;
            }
            token = cache.suspendLoad(found, completion);
            if (token != null) {
                completion = token;
            }
            return null;
        }
    }

    /** More key parameters than {@link io.cacheweave.runtime.key.KeyFunction#MAX_SPREAD_ARITY}: an argument array. */
    static final class EnterN {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
        static Object enter(@CacheHandle Object handle,
                @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args,
                @SuspendCompletion Object completion, @Advice.Local("token") Object token) {
            CachedMethod cache = (CachedMethod) handle;
            token = cache.resumed(completion);
            if (token != null) {
                return null;
            }
            Object found = cache.enter(cache.keys.key(args)); // the key function reads the key parameters only
            if (found instanceof CachedValue) {
                return found;
            }
            token = cache.suspendLoad(found, completion);
            if (token != null) {
                completion = token;
            }
            return null;
        }
    }

    static final class Exit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@CacheHandle Object handle, @Advice.Enter Object hit, @Advice.Local("token") Object token,
                @SuspendCompletion Object completion,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                @Advice.Thrown(readOnly = false, typing = Assigner.Typing.DYNAMIC) Throwable thrown) {
            if (hit != null) {
                CachedValue value = (CachedValue) hit;
                if (value.failure() != null) {
                    thrown = value.failure();
                } else if (value.isInFlight()) {
                    try {
                        returned = ((CachedMethod) handle).joinSuspended(value, completion);
                    } catch (Throwable failure) {
                        thrown = failure;
                    }
                } else {
                    returned = value.value();
                }
            } else if (token != null) {
                returned = ((CachedMethod) handle).exitSuspend(token, returned, thrown);
            }
        }
    }

    /**
     * {@code @Invalidate} on a suspend function: the {@code beforeInvocation} invalidations on entry of a new call
     * (not on a re-entry of its state machine), the others when the function completes normally, whether it
     * returns at once or resumes after suspending.
     */
    static final class Invalidate {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@CacheHandle Object handle,
                @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args,
                @SuspendCompletion Object completion, @Advice.Local("call") Object call) {
            InvalidatingMethod method = (InvalidatingMethod) handle;
            call = method.resumed(completion);
            if (call == null) {
                call = method.enterSuspend(args, completion);
                if (call != null) {
                    completion = call;
                }
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@CacheHandle Object handle, @Advice.Local("call") Object call,
                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned, @Advice.Thrown Throwable thrown) {
            ((InvalidatingMethod) handle).exitSuspend(call, returned, thrown);
        }
    }
}
