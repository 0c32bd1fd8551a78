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
