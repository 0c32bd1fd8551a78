package io.cacheweave.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code @Invalidate} method: what the woven advice calls on entry ({@code beforeInvocation = true}) and after
 * the method returns normally (the others).
 */
public final class InvalidatingMethod {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidatingMethod.class);

    /** What the compiler knows about the method. */
    public final InvalidateSpec spec;
    private final InvalidateFunction function;
    /** The results of the publisher type the method returns, found on its first call; for Mono/Flux methods. */
    private volatile io.cacheweave.runtime.reactive.ReactiveResults reactive;

    InvalidatingMethod(InvalidateSpec spec, InvalidateFunction function) {
        this.spec = spec;
        this.function = function;
    }

    /**
     * Applies the method's {@code beforeInvocation} invalidations for one call, before its body runs. Never throws:
     * a failure is logged and the call goes on.
     *
     * @param args the call's arguments
     */
    public void beforeInvocation(Object[] args) {
        apply(args, true);
    }

    /**
     * Applies the method's other invalidations for one call that returned normally. Never throws: a failure is
     * logged and the call goes on.
     *
     * @param args the call's arguments
     */
    public void afterReturn(Object[] args) {
        apply(args, false);
    }

    /**
     * For a method that returns a Reactor {@code Mono} or {@code Flux}: wraps the returned publisher so that it
     * applies the {@code beforeInvocation} invalidations when subscribed to and the others when it completes
     * normally (not on an error or a cancel). Never throws: the publisher is returned unwrapped when it cannot be.
     *
     * @param args the call's arguments
     * @param returned the publisher the method returned
     * @return the publisher to return
     */
    public Object onPublisher(Object[] args, Object returned) {
        try {
            io.cacheweave.runtime.reactive.ReactiveResults reactive = this.reactive;
            if (reactive == null && returned != null) {
                reactive = io.cacheweave.runtime.reactive.ReactiveResults.ofPublisher(returned);
                this.reactive = reactive;
            }
            return reactive == null ? returned
                    : reactive.invalidating(returned, () -> apply(args, true), () -> apply(args, false));
        } catch (Throwable t) {
            LOG.warn("cacheweave: {} returned a publisher that cannot be watched, so it invalidates nothing",
                    spec.methodId(), t);
            return returned;
        }
    }

    private void apply(Object[] args, boolean before) {
        try {
            function.invalidate(args, Cacheweave.runtime().withContext(spec.methodId()), before);
        } catch (Throwable t) {
            LOG.warn("cacheweave: invalidation by {} failed; entries may stay until they expire", spec.methodId(), t);
        }
    }

    @Override
    public String toString() {
        return "InvalidatingMethod{" + spec.methodId() + " " + spec.targets() + "}";
    }
}
