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

    /**
     * @return {@code invalidate} when every invalidation runs after a normal return, {@code invalidate-before} when
     *     every one runs on entry, {@code invalidate-both} when there are some of each
     */
    @Override
    public String indexKind() {
        boolean before = targets.stream().anyMatch(Target::before);
        boolean after = targets.stream().anyMatch(t -> !t.before());
        return !before ? "invalidate" : after ? "invalidate-both" : "invalidate-before";
    }

    /** One {@code @Invalidate}. */
    sealed interface Target {
        /**
         * @return {@code operation=x}, {@code pattern=x:*} or {@code key=x:{id}}, followed by
         *     {@code  beforeInvocation} where it applies, as {@code InvalidateSpec.targets} lists it
         */
        String spec();

        /** @return whether it runs on entry ({@code beforeInvocation}), else after a normal return */
        boolean before();
    }

    /** @param operation every entry of this operation goes @param before whether on entry */
    record Operation(String operation, boolean before) implements Target {
        @Override
        public String spec() {
            return "operation=" + operation + (before ? " beforeInvocation" : "");
        }
    }

    /**
     * @param operation the operation of the one entry that goes
     * @param key the key template as written
     * @param parts the distinct placeholders' parts
     * @param segments literal text and parts, in order
     * @param before whether on entry
     */
    record Key(String operation, String key, List<KeyPart> parts, List<KeySegment> segments, boolean before)
            implements Target {
        Key {
            parts = List.copyOf(parts);
            segments = List.copyOf(segments);
        }

        @Override
        public String spec() {
            return "key=" + operation + ":" + key + (before ? " beforeInvocation" : "");
        }
    }

    /**
     * @param tag the tag template as written
     * @param parts the distinct placeholders' parts
     * @param segments literal text and parts, in order
     * @param before whether on entry
     */
    record Tag(String tag, List<KeyPart> parts, List<KeySegment> segments, boolean before) implements Target {
        Tag {
            parts = List.copyOf(parts);
            segments = List.copyOf(segments);
        }

        @Override
        public String spec() {
            return "tag=" + tag + (before ? " beforeInvocation" : "");
        }
    }

    /**
     * @param pattern the pattern as written
     * @param parts the distinct placeholders' parts
     * @param segments literal text (wildcards kept) and parts, in order
     * @param before whether on entry
     */
    record Pattern(String pattern, List<KeyPart> parts, List<KeySegment> segments, boolean before)
            implements Target {
        Pattern {
            parts = List.copyOf(parts);
            segments = List.copyOf(segments);
        }

        @Override
        public String spec() {
            return "pattern=" + pattern + (before ? " beforeInvocation" : "");
        }
    }
}
