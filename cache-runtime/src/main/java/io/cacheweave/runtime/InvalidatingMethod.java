package io.cacheweave.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code @Invalidate} method: what the woven advice calls after the method returns normally.
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
     * Applies the method's invalidations for one call. Never throws: a failure is logged and the call goes on.
     *
     * @param args the call's arguments
     */
    public void afterReturn(Object[] args) {
        try {
            function.invalidate(args, Cacheweave.runtime());
        } catch (Throwable t) {
            LOG.warn("cacheweave: invalidation by {} failed; entries may stay until they expire", spec.methodId(), t);
        }
    }

    @Override
    public String toString() {
        return "InvalidatingMethod{" + spec.methodId() + " " + spec.targets() + "}";
    }
}
