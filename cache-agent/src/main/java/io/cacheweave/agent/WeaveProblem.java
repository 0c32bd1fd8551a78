package io.cacheweave.agent;

/**
 * A listed method that cannot be woven, with a message that names the class, the method and the fix. The agent
 * reports it and leaves the method uncached; the build-time weaver fails the build with it.
 */
final class WeaveProblem extends Exception {
    private static final long serialVersionUID = 1L;

    WeaveProblem(String message) {
        super(message, null, false, false);
    }
}
