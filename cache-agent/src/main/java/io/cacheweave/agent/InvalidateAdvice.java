package io.cacheweave.agent;

import io.cacheweave.runtime.woven.InvalidatingMethod;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inline advice of {@code @Invalidate} methods: {@link Before} applies the {@code beforeInvocation} invalidations on
 * entry, before the body runs; {@link After} applies the others after a normal return (not after a throw). A method
 * gets only the ones it needs. Failures are suppressed; the runtime logs them.
 */
final class InvalidateAdvice {
    private InvalidateAdvice() {
    }

    /** On entry, whatever way the body will end. */
    static final class Before {
        private Before() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@CacheHandle Object handle,
                @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args) {
            ((InvalidatingMethod) handle).beforeInvocation(args);
        }
    }

    /** After a normal return only. */
    static final class After {
        private After() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@CacheHandle Object handle,
                @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args) {
            ((InvalidatingMethod) handle).afterReturn(args);
        }
    }

    /**
     * Methods returning Reactor's {@code Mono} or {@code Flux}: the returned publisher, wrapped, applies the
     * {@code beforeInvocation} invalidations when subscribed to and the others when it completes normally.
     */
    static final class Publisher {
        private Publisher() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@CacheHandle Object handle,
                @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            returned = ((InvalidatingMethod) handle).onPublisher(args, returned);
        }
    }
}
