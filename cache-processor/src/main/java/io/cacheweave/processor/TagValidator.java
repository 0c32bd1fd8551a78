package io.cacheweave.processor;

import io.cacheweave.processor.CacheAnnotations.CachedUse;
import io.cacheweave.processor.CacheAnnotations.InvalidateUse;
import io.cacheweave.processor.KeyPartChecker.Context;
import io.cacheweave.processor.KeyPartChecker.Site;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Checks the {@code tags} of {@code @Cached} and {@code @Invalidate}: each tag is a key template (the same literal
 * text and placeholders as {@code key}); a placeholder names a parameter (else the error names it, as for keys),
 * and in {@code @Cached} it must be one of the key's parts as written, since an entry's tags are rendered from its
 * key.
 */
final class TagValidator {
    private final Diagnostics diagnostics;
    private final KeyPartChecker parts;

    TagValidator(Diagnostics diagnostics, KeyPartChecker parts) {
        this.diagnostics = diagnostics;
        this.parts = parts;
    }

    /**
     * @return the key's parts as placeholders are written ({@code userId}, {@code request.model}), with their
     *     parameter and property path, in order: the key template's, or the key parameters' names
     */
    static Map<String, KeyTemplate.Placeholder> keyParts(ExecutableElement method, String keyTemplate) {
        Map<String, KeyTemplate.Placeholder> keyParts = new LinkedHashMap<>();
        if (keyTemplate.isEmpty()) {
            List<VariableElement> keyParameters = ResultTypes.keyParameters(method);
            for (VariableElement p : keyParameters) {
                String name = p.getSimpleName().toString();
                keyParts.put(name, new KeyTemplate.Placeholder(name, name, List.of()));
            }
        } else {
            KeyTemplate.Parsed parsed = KeyTemplate.parse(keyTemplate, KeyTemplate.Syntax.KEY);
            if (parsed.template() != null) {
                parsed.template().placeholders().forEach(p -> keyParts.putIfAbsent(p.path(), p));
            }
        }
        return keyParts;
    }

    void validateCached(ExecutableElement method, CachedUse use, String on) {
        if (use.tags().isEmpty()) {
            return;
        }
        Map<String, KeyTemplate.Placeholder> keyParts = keyParts(method, use.key());
        for (String tag : use.tags()) {
            String subject = "@Cached(tags = \"" + tag + "\")" + on;
            KeyTemplate template = parse(method, use.mirror(), use.tagsValue(), subject, tag,
                    Message.CACHED_MALFORMED_TAG);
            if (template == null) {
                continue;
            }
            Site site = new Site(method, use.mirror(), use.tagsValue(), subject);
            for (KeyTemplate.Placeholder p : template.placeholders()) {
                if (parts.placeholder(site, p, Context.KEY).isPresent() && !keyParts.containsKey(p.path())) {
                    diagnostics.report(Message.CACHED_TAG_NOT_IN_KEY, method, use.mirror(), use.tagsValue(), subject,
                            tag, p.path(), keyParts.isEmpty() ? "the key has no parts"
                            : "its parts are {" + String.join("}, {", keyParts.keySet()) + "}", p.path());
                }
            }
        }
        for (KeyTemplate.Placeholder p : keyParts.values()) {
            if (!parts.hasValueEquality(method, p.parameter(), p.properties())) {
                diagnostics.report(Message.CACHED_TAGS_WITHOUT_VALUE_EQUALITY, method, use.mirror(), use.tagsValue(),
                        "@Cached(tags = ...)" + on, "{" + p.path() + "}");
                return;
            }
        }
    }

    /** @return whether the annotation's tags are its only target (else it reports) */
    boolean validateInvalidate(ExecutableElement method, InvalidateUse use, String subject) {
        if (!use.pattern().isEmpty() || !use.operation().isEmpty() || !use.key().isEmpty()) {
            diagnostics.report(Message.INVALIDATE_TAGS_WITH_OTHER_TARGET, method, use.mirror(), use.tagsValue(),
                    subject);
            return false;
        }
        for (String tag : use.tags()) {
            KeyTemplate template = parse(method, use.mirror(), use.tagsValue(), subject, tag,
                    Message.INVALIDATE_MALFORMED_TAG);
            if (template != null) {
                Site site = new Site(method, use.mirror(), use.tagsValue(), subject);
                template.placeholders().forEach(p -> parts.placeholder(site, p, Context.PATTERN));
            }
        }
        return true;
    }

    private KeyTemplate parse(ExecutableElement method, javax.lang.model.element.AnnotationMirror mirror,
            javax.lang.model.element.AnnotationValue value, String subject, String tag, Message malformed) {
        if (tag.isEmpty()) {
            diagnostics.report(malformed, method, mirror, value, subject, tag, "a tag must not be empty",
                    "write its text, such as \"user:{userId}\"");
            return null;
        }
        KeyTemplate.Parsed parsed = KeyTemplate.parse(tag, KeyTemplate.Syntax.KEY);
        KeyTemplate.Problem problem = parsed.problem();
        if (problem != null) {
            diagnostics.report(malformed, method, mirror, value, subject, tag, problem.wildcard()
                    ? "'" + problem.character() + "' at index " + problem.index() + " is a pattern character"
                    : problem.description(), problem.wildcard() ? "a tag is exact text: remove it" : problem.fix());
            return null;
        }
        return parsed.template();
    }
}
