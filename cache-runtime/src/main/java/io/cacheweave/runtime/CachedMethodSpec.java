package io.cacheweave.runtime;

import java.util.Objects;

/**
 * What the compiler knows about one {@code @Cached} method, written into the generated key builder.
 *
 * @param declaringClass binary name of the declaring class, such as {@code com.acme.TextService$Inner}
 * @param methodName the method's name
 * @param descriptor the method's JVM descriptor, such as {@code (Ljava/lang/String;)Lcom/acme/Summary;}
 * @param operation the {@code operation} attribute
 * @param ttlSeconds the {@code ttl} attribute: seconds, or negative for "configured"
 * @param keyTemplate the {@code key} attribute, empty for the default key
 * @param cacheNull the {@code cacheNull} attribute
 * @param lease the {@code lease} attribute
 * @param jitter the {@code jitter} attribute: percent of the TTL each entry may be shortened by at random
 * @param refreshAfterSeconds the {@code refreshAfter} attribute: age that triggers a background reload, negative for
 *     none
 */
public record CachedMethodSpec(String declaringClass, String methodName, String descriptor, String operation,
        long ttlSeconds, String keyTemplate, boolean cacheNull, boolean lease, int jitter, long refreshAfterSeconds) {

    /** Checks that nothing is null. */
    public CachedMethodSpec {
        Objects.requireNonNull(declaringClass, "declaringClass must not be null");
        Objects.requireNonNull(methodName, "methodName must not be null");
        Objects.requireNonNull(descriptor, "descriptor must not be null");
        Objects.requireNonNull(operation, "operation must not be null");
        Objects.requireNonNull(keyTemplate, "keyTemplate must not be null");
    }

    /**
     * A method whose absent results are not stored, that takes no distributed lease, has no TTL jitter and no
     * refresh-ahead.
     *
     * @param declaringClass binary name of the declaring class
     * @param methodName the method's name
     * @param descriptor the method's JVM descriptor
     * @param operation the {@code operation} attribute
     * @param ttlSeconds the {@code ttl} attribute
     * @param keyTemplate the {@code key} attribute
     */
    public CachedMethodSpec(String declaringClass, String methodName, String descriptor, String operation,
            long ttlSeconds, String keyTemplate) {
        this(declaringClass, methodName, descriptor, operation, ttlSeconds, keyTemplate, false, false, 0, -1);
    }

    /** @return {@code Class.method(descriptor)}, for messages */
    public String methodId() {
        return declaringClass + "." + methodName + descriptor;
    }
}
