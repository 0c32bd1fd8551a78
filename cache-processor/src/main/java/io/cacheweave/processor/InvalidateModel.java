package io.cacheweave.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * An {@code @Invalidate} method, ready to generate.
 *
 * @param declaringClass binary name of the declaring class
 * @param methodName the method name
 * @param descriptor the JVM descriptor
 * @param fieldName the key builder's field, {@code INVALIDATE_<method>_<n>}
 * @param arity the number of parameters
 * @param targets the annotations, in source order
 * @param element the method
 */
record InvalidateModel(String declaringClass, String methodName, String descriptor, String fieldName, int arity,
        List<Target> targets, ExecutableElement element) implements MethodModel {
    InvalidateModel {
        targets = List.copyOf(targets);
    }

    @Override
    public String indexKind() {
        return "invalidate";
    }

    /** One {@code @Invalidate}. */
    sealed interface Target {
        /** @return {@code operation=x} or {@code pattern=x:*}, as {@code InvalidateSpec.targets} lists it */
        String spec();
    }

    /** @param operation every entry of this operation goes */
    record Operation(String operation) implements Target {
        @Override
        public String spec() {
            return "operation=" + operation;
        }
    }

    /**
     * @param pattern the pattern as written
     * @param parts the distinct placeholders' parts
     * @param segments literal text (wildcards kept) and parts, in order
     */
    record Pattern(String pattern, List<KeyPart> parts, List<KeySegment> segments) implements Target {
        Pattern {
            parts = List.copyOf(parts);
            segments = List.copyOf(segments);
        }

        @Override
        public String spec() {
            return "pattern=" + pattern;
        }
    }
}
