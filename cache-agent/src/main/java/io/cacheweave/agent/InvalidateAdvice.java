package io.cacheweave.agent;

import io.cacheweave.runtime.InvalidatingMethod;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inline advice of {@code @Invalidate} methods: after a normal return (not after a throw), applies the method's
 * invalidations with the call's arguments. Failures are suppressed; the runtime logs them.
 */
final class InvalidateAdvice {
    private InvalidateAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@CacheHandle Object handle,
            @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] args) {
        ((InvalidatingMethod) handle).afterReturn(args);
    }
}
