package io.cacheweave.runtime.reactive;

/**
 * How a load of a {@code Flux} ends when the sequence is longer than {@code cacheweave.flux.max-elements}: nothing
 * is stored, the fact is counted, and each subscriber gets the sequence from the method's own {@code Flux}. Never
 * reaches a caller. One instance, without a stack trace.
 */
public final class ResultTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final ResultTooLarge INSTANCE = new ResultTooLarge();

    private ResultTooLarge() {
        super("the sequence has more elements than cacheweave.flux.max-elements", null, false, false);
    }
}
