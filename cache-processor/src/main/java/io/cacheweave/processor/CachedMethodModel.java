package io.cacheweave.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A {@code @Cached} method, ready to generate.
 *
 * @param declaringClass binary name of the declaring class
 * @param methodName the method name
 * @param descriptor the JVM descriptor
 * @param fieldName the key builder's field, {@code CACHED_<method>_<n>}
 * @param arity the number of parameters
 * @param operation the operation
 * @param ttlSeconds the {@code ttl} attribute
 * @param keyTemplate the {@code key} attribute, empty for the default key
 * @param parts the distinct key parts, in first-use order
 * @param segments what the logical key writes after {@code operation:}
 * @param renderedKey whether the memory-tier key is the rendered text, because a part lacks value equality
 * @param cacheNull the {@code cacheNull} attribute
 * @param lease the {@code lease} attribute
 * @param jitter the {@code jitter} attribute, a percentage
 * @param refreshAfter the {@code refreshAfter} attribute, seconds, negative for none
 * @param tags per {@code tags} template, what it writes: literal text and the key's parts (indices into
 *     {@code parts})
 * @param element the method
 */
record CachedMethodModel(String declaringClass, String methodName, String descriptor, String fieldName, int arity,
        String operation, long ttlSeconds, String keyTemplate, List<KeyPart> parts, List<KeySegment> segments,
        boolean renderedKey, boolean cacheNull, boolean lease, int jitter,
        long refreshAfter, List<List<KeySegment>> tags, ExecutableElement element) implements MethodModel {
    CachedMethodModel {
        parts = List.copyOf(parts);
        segments = List.copyOf(segments);
        tags = tags.stream().map(List::copyOf).toList();
    }

    @Override
    public String indexKind() {
        return refreshAfter > 0 ? "cached-refresh" : "cached";
    }
}
