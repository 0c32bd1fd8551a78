package io.cacheweave.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads {@code @Cached}, {@code @Invalidate} and {@code @CacheKey} as annotation mirrors, by name. The processor runs
 * from the compiler's processor path alone, where the annotation classes are not loadable, so it never touches
 * {@code Cached.class}.
 */
final class CacheAnnotations {
    static final String CACHED = "io.cacheweave.annotations.Cached";
    static final String INVALIDATE = "io.cacheweave.annotations.Invalidate";
    static final String INVALIDATE_LIST = "io.cacheweave.annotations.Invalidate.List";
    static final String CACHE_KEY = "io.cacheweave.annotations.CacheKey";

    /** {@code Cached.CONFIGURED_TTL}. */
    static final long CONFIGURED_TTL = -1;

    private CacheAnnotations() {
    }

    /**
     * One {@code @Cached} as written. The {@code *Value} components are the attributes given explicitly, or
     * {@code null} for a default, and serve to place the caret.
     */
    record CachedUse(AnnotationMirror mirror, String operation, AnnotationValue operationValue, long ttl,
            AnnotationValue ttlValue, String key, AnnotationValue keyValue, boolean cacheNull, boolean lease,
            int jitter, AnnotationValue jitterValue, long refreshAfter, AnnotationValue refreshAfterValue,
            List<String> tags, AnnotationValue tagsValue) {
    }

    /** One {@code @Invalidate} as written, directly or inside {@code @Invalidate.List}. */
    record InvalidateUse(AnnotationMirror mirror, String pattern, AnnotationValue patternValue, String operation,
            AnnotationValue operationValue, String key, AnnotationValue keyValue, boolean beforeInvocation,
            List<String> tags, AnnotationValue tagsValue) {
    }

    /** @return the {@code @Cached} of {@code element}, if any */
    static Optional<CachedUse> cached(Element element) {
        return mirror(element, CACHED).map(m -> {
            AnnotationValue operation = value(m, "operation");
            AnnotationValue ttl = value(m, "ttl");
            AnnotationValue key = value(m, "key");
            AnnotationValue cacheNull = value(m, "cacheNull");
            AnnotationValue lease = value(m, "lease");
            AnnotationValue jitter = value(m, "jitter");
            AnnotationValue refreshAfter = value(m, "refreshAfter");
            AnnotationValue tags = value(m, "tags");
            return new CachedUse(m, text(operation), operation, ttl != null && ttl.getValue() instanceof Long l
                    ? l : CONFIGURED_TTL, ttl, text(key), key,
                    cacheNull != null && Boolean.TRUE.equals(cacheNull.getValue()),
                    lease != null && Boolean.TRUE.equals(lease.getValue()),
                    jitter != null && jitter.getValue() instanceof Integer j ? j : 0, jitter,
                    refreshAfter != null && refreshAfter.getValue() instanceof Long r ? r : -1, refreshAfter,
                    texts(tags), tags);
        });
    }

    /** @return the {@code @Invalidate} annotations of {@code method}, in source order */
    static List<InvalidateUse> invalidates(ExecutableElement method) {
        List<InvalidateUse> uses = new ArrayList<>();
        for (AnnotationMirror m : method.getAnnotationMirrors()) {
            if (is(m, INVALIDATE)) {
                uses.add(invalidate(m));
            } else if (is(m, INVALIDATE_LIST)) {
                AnnotationValue list = value(m, "value");
                if (list != null && list.getValue() instanceof List<?> items) {
                    for (Object item : items) {
                        if (item instanceof AnnotationValue v && v.getValue() instanceof AnnotationMirror inner) {
                            uses.add(invalidate(inner));
                        }
                    }
                }
            }
        }
        return uses;
    }

    /** @return the {@code @CacheKey} of a parameter, if any */
    static Optional<AnnotationMirror> cacheKey(Element parameter) {
        return mirror(parameter, CACHE_KEY);
    }

    private static InvalidateUse invalidate(AnnotationMirror m) {
        AnnotationValue pattern = value(m, "pattern");
        AnnotationValue operation = value(m, "operation");
        AnnotationValue key = value(m, "key");
        AnnotationValue before = value(m, "beforeInvocation");
        AnnotationValue tags = value(m, "tags");
        return new InvalidateUse(m, text(pattern), pattern, text(operation), operation, text(key), key,
                before != null && Boolean.TRUE.equals(before.getValue()), texts(tags), tags);
    }

    private static Optional<AnnotationMirror> mirror(Element element, String name) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            if (is(m, name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static boolean is(AnnotationMirror m, String name) {
        Element type = m.getAnnotationType().asElement();
        return type instanceof TypeElement t && t.getQualifiedName().contentEquals(name);
    }

    private static AnnotationValue value(AnnotationMirror m, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** @return the texts of an array attribute (one text is an array of one), empty when absent */
    private static List<String> texts(AnnotationValue value) {
        if (value == null) {
            return List.of();
        }
        if (value.getValue() instanceof String s) {
            return List.of(s);
        }
        List<String> texts = new ArrayList<>();
        if (value.getValue() instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof AnnotationValue v && v.getValue() instanceof String s) {
                    texts.add(s);
                }
            }
        }
        return texts;
    }

    /** @return the attribute's text, or empty when it is absent or does not compile (javac reports that) */
    private static String text(AnnotationValue value) {
        return value != null && value.getValue() instanceof String s ? s : "";
    }
}
