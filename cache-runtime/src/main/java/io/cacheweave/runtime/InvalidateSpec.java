package io.cacheweave.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What the compiler knows about one {@code @Invalidate} method, written into the generated key builder.
 *
 * @param declaringClass binary name of the declaring class
 * @param methodName the method's name
 * @param descriptor the method's JVM descriptor
 * @param targets the annotations as written, for messages, such as {@code pattern=summarize:*}
 */
public record InvalidateSpec(String declaringClass, String methodName, String descriptor, List<String> targets) {

    /** Checks that nothing is null and copies the targets. */
    public InvalidateSpec {
        Objects.requireNonNull(declaringClass, "declaringClass must not be null");
        Objects.requireNonNull(methodName, "methodName must not be null");
        Objects.requireNonNull(descriptor, "descriptor must not be null");
        targets = List.copyOf(targets);
    }

    /** @return {@code Class.method(descriptor)}, for messages */
    public String methodId() {
        return declaringClass + "." + methodName + descriptor;
    }
}
