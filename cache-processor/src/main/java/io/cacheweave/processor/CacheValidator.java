package io.cacheweave.processor;

import io.cacheweave.processor.CacheAnnotations.CachedUse;
import io.cacheweave.processor.CacheAnnotations.InvalidateUse;
import io.cacheweave.processor.KeyPartChecker.Context;
import io.cacheweave.processor.KeyPartChecker.Site;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Checks every {@code @Cached}, {@code @Invalidate} and {@code @CacheKey} against the rules their javadoc states,
 * and reports each break on the attribute at fault. Remembers the operations of the whole compilation, to find
 * duplicates and, once every round is done, invalidations that name no known operation.
 */
final class CacheValidator {

    /**
     * An invalidation whose operation is checked once every {@code @Cached} of the compilation is known. It names
     * its method rather than holding it: elements of an earlier round have no source position in the last one.
     *
     * @param type the qualified name of the class
     * @param method the method name
     * @param descriptor the method descriptor
     * @param use the index of the {@code @Invalidate} among the method's
     * @param pattern whether the operation is the prefix of a pattern (else the operation attribute)
     * @param subject the message subject
     * @param operation the operation named
     * @param keyParts the number of parts of the {@code key} attribute, or -1 without one
     */
    private record PendingTarget(String type, String method, String descriptor, int use, boolean pattern,
            String subject, String operation, int keyParts) {
    }

    /**
     * The form of the keys of one {@code @Cached} operation, to compare {@code @Invalidate(key = ...)} with.
     *
     * @param method the method, for messages
     * @param parts the number of {@code :}-separated parts after the operation
     * @param form how the key is given, for messages
     * @param example a key template of this form
     */
    private record KeyShape(String method, int parts, String form, String example) {
    }

    private final Diagnostics diagnostics;
    private final Signatures signatures;
    private final KeyPartChecker parts;
    private final ResultTypes results;
    private final TagValidator tags;
    private final Map<String, String> operations = new LinkedHashMap<>();
    private final Map<String, KeyShape> keyShapes = new LinkedHashMap<>();
    private final List<PendingTarget> pendingTargets = new ArrayList<>();

    CacheValidator(Diagnostics diagnostics, Signatures signatures, KeyPartChecker parts, ResultTypes results) {
        this.diagnostics = diagnostics;
        this.signatures = signatures;
        this.parts = parts;
        this.results = results;
        this.tags = new TagValidator(diagnostics, parts);
    }

    /** @return whether the method is free of errors (warnings allowed) */
    boolean validate(ExecutableElement method) {
        int errorsBefore = diagnostics.errors();
        List<InvalidateUse> invalidates = CacheAnnotations.invalidates(method);
        Optional<CachedUse> cached = CacheAnnotations.cached(method);
        cached.ifPresent(use -> validateCached(method, use, !invalidates.isEmpty()));
        for (int i = 0; i < invalidates.size(); i++) {
            validateInvalidate(method, invalidates.get(i), i);
        }
        return diagnostics.errors() == errorsBefore;
    }

    /** Warns about {@code @CacheKey} on a parameter of a method without {@code @Cached}. */
    void validateCacheKey(VariableElement parameter) {
        if (parameter.getEnclosingElement() instanceof ExecutableElement method
                && CacheAnnotations.cached(method).isEmpty()) {
            CacheAnnotations.cacheKey(parameter).ifPresent(mirror -> diagnostics.report(
                    Message.CACHE_KEY_WITHOUT_CACHED, parameter, mirror, null, "@CacheKey on parameter \""
                    + parameter.getSimpleName() + "\" of " + signatures.method(method)));
        }
    }

    /**
     * Warns about every invalidation that names no {@code @Cached} operation seen in this compilation, and about
     * every invalidation key whose form differs from the keys of its operation.
     */
    void checkInvalidationTargets(Elements elements) {
        for (PendingTarget t : pendingTargets) {
            KeyShape shape = keyShapes.get(t.operation());
            if (operations.containsKey(t.operation()) && (t.keyParts() < 0 || shape == null
                    || shape.parts() == t.keyParts())) {
                continue;
            }
            ExecutableElement method = null;
            AnnotationMirror annotation = null;
            AnnotationValue value = null;
            TypeElement type = elements.getTypeElement(t.type());
            for (ExecutableElement m : type == null ? List.<ExecutableElement>of()
                    : ElementFilter.methodsIn(type.getEnclosedElements())) {
                List<InvalidateUse> uses = CacheAnnotations.invalidates(m);
                if (m.getSimpleName().contentEquals(t.method()) && signatures.descriptor(m).equals(t.descriptor())
                        && t.use() < uses.size()) {
                    method = m;
                    annotation = uses.get(t.use()).mirror();
                    value = t.pattern() ? uses.get(t.use()).patternValue() : uses.get(t.use()).operationValue();
                    if (operations.containsKey(t.operation())) {
                        value = uses.get(t.use()).keyValue();
                    }
                }
            }
            if (operations.containsKey(t.operation())) {
                diagnostics.report(Message.INVALIDATE_KEY_SHAPE_MISMATCH, method, annotation, value, t.subject(),
                        t.keyParts(), shape.method(), t.operation(), shape.parts(), shape.form(), shape.example());
                continue;
            }
            diagnostics.report(Message.INVALIDATE_UNKNOWN_OPERATION, method, annotation, value, t.subject(),
                    t.operation(), operations.isEmpty() ? "this compilation declares no @Cached operation"
                    : "known operations are: " + Suggestions.list(operations.keySet()),
                    Suggestions.didYouMean(t.operation(), operations.keySet()));
        }
        pendingTargets.clear();
    }

    private PendingTarget pending(ExecutableElement method, int use, boolean pattern, String subject, String op,
            int keyParts) {
        return new PendingTarget(((TypeElement) method.getEnclosingElement()).getQualifiedName().toString(),
                method.getSimpleName().toString(), signatures.descriptor(method), use, pattern, subject, op,
                keyParts);
    }

    /**
     * @return the shape of the keys of a {@code @Cached} method, or {@code null} when its key template is bad or it
     *     has no key parameters
     */
    private KeyShape keyShape(ExecutableElement method, CachedUse use) {
        if (!use.key().isEmpty()) {
            KeyTemplate.Parsed parsed = KeyTemplate.parse(use.key(), KeyTemplate.Syntax.KEY);
            return parsed.problem() != null ? null : new KeyShape(signatures.method(method),
                    parts(parsed.template()), "key = " + quote(use.key()), use.key());
        }
        List<String> names = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            if (CacheAnnotations.cacheKey(p).isPresent()) {
                names.add(p.getSimpleName().toString());
            }
        }
        if (names.isEmpty()) {
            ResultTypes.keyCandidates(method).forEach(p -> names.add(p.getSimpleName().toString()));
        }
        // Without key parameters there is one entry, which operation alone removes: no key form to propose.
        return names.isEmpty() ? null : new KeyShape(signatures.method(method), names.size(),
                "the parameters " + String.join(", ", names), "{" + String.join("}:{", names) + "}");
    }

    /** @return the number of {@code :}-separated parts a key template renders to (values escape their colons) */
    static int parts(KeyTemplate template) {
        int parts = 1;
        for (KeyTemplate.Segment s : template.segments()) {
            if (s instanceof KeyTemplate.Literal l) {
                parts += (int) l.text().chars().filter(c -> c == ':').count();
            }
        }
        return parts;
    }

    private void validateCached(ExecutableElement method, CachedUse use, boolean alsoInvalidates) {
        AnnotationMirror a = use.mirror();
        String on = " on " + signatures.method(method);
        String subject = "@Cached(operation = " + quote(use.operation()) + ")" + on;
        if (method.getKind() == ElementKind.CONSTRUCTOR) {
            diagnostics.report(Message.CACHED_ON_CONSTRUCTOR, method, a, null, subject);
            return;
        }
        if (alsoInvalidates) {
            diagnostics.report(Message.CACHED_AND_INVALIDATE, method, a, null, subject);
        }
        if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            diagnostics.report(Message.CACHED_ABSTRACT_METHOD, method, a, null, subject);
        }
        if (method.getReturnType().getKind() == TypeKind.VOID) {
            diagnostics.report(Message.CACHED_VOID_METHOD, method, a, null, subject);
        }
        TypeMirror result = method.getReturnType();
        if (ResultTypes.isSuspendFunction(method)) {
            result = results.suspendResult(method); // what it resumes its caller with
            if (ResultTypes.isUnit(result)) {
                diagnostics.report(Message.CACHED_SUSPEND_UNIT, method, a, null, subject);
            }
            if (use.refreshAfter() > 0) {
                diagnostics.report(Message.CACHED_SUSPEND_REFRESH, method, a, use.refreshAfterValue(),
                        "@Cached(refreshAfter = " + use.refreshAfter() + ")" + on);
            }
        }
        results.oneShot(result).ifPresent(oneShot -> diagnostics.report(Message.CACHED_ONE_SHOT_RESULT, method, a,
                null, subject, oneShot.returned(), oneShot.what(), oneShot.fix()));
        validateOperation(method, use, subject);
        if (use.ttl() == 0) {
            diagnostics.report(Message.CACHED_ZERO_TTL, method, a, use.ttlValue(), "@Cached(ttl = 0)" + on);
        }
        if (use.refreshAfter() == 0 || use.refreshAfter() < -1) {
            diagnostics.report(Message.CACHED_REFRESH_NOT_POSITIVE, method, a, use.refreshAfterValue(),
                    "@Cached(refreshAfter = " + use.refreshAfter() + ")" + on);
        } else if (use.refreshAfter() > 0 && use.ttl() > 0 && use.refreshAfter() >= use.ttl()) {
            diagnostics.report(Message.CACHED_REFRESH_NOT_BEFORE_TTL, method, a, use.refreshAfterValue(),
                    "@Cached(ttl = " + use.ttl() + ", refreshAfter = " + use.refreshAfter() + ")" + on,
                    use.ttl() / 2);
        }
        if (use.jitter() < 0 || use.jitter() > 100) {
            diagnostics.report(Message.CACHED_JITTER_OUT_OF_RANGE, method, a, use.jitterValue(),
                    "@Cached(jitter = " + use.jitter() + ")" + on);
        }
        if (use.key().isEmpty()) {
            validateDefaultKey(method, new Site(method, a, null, subject));
        } else {
            validateKeyTemplate(method, use, new Site(method, a, use.keyValue(), "@Cached(key = "
                    + quote(use.key()) + ")" + on));
        }
        tags.validateCached(method, use, on);
    }

    private void validateOperation(ExecutableElement method, CachedUse use, String subject) {
        if (use.operationValue() == null) {
            return; // the attribute is missing or does not compile: javac says so
        }
        String op = use.operation();
        int bad = badOperationCharacter(op);
        if (op.isEmpty()) {
            diagnostics.report(Message.CACHED_EMPTY_OPERATION, method, use.mirror(), use.operationValue(), subject,
                    method.getSimpleName());
        } else if (bad >= 0) {
            diagnostics.report(Message.CACHED_INVALID_OPERATION, method, use.mirror(), use.operationValue(),
                    subject, KeyTemplate.describe(op.charAt(bad)), bad, suggestOperation(op, method));
        } else {
            String first = operations.putIfAbsent(op, signatures.method(method));
            if (first == null) {
                KeyShape shape = keyShape(method, use);
                if (shape != null) {
                    keyShapes.put(op, shape);
                }
            }
            if (first != null) {
                diagnostics.report(Message.CACHED_DUPLICATE_OPERATION, method, use.mirror(), use.operationValue(),
                        subject, op, first, op + "-" + method.getSimpleName());
            }
        }
    }

    private void validateDefaultKey(ExecutableElement method, Site site) {
        List<VariableElement> keyParameters = ResultTypes.keyParameters(method);
        for (VariableElement p : keyParameters) {
            String what = "parameter \"" + p.getSimpleName() + "\"";
            if (parts.accessible(site, p.asType(), what, p, null, null)) {
                parts.warnIfUnstable(site, p, null, null, p.asType(), what, "mark the parameters that identify "
                        + "the result @CacheKey, or give a key template that leaves it out");
            }
        }
    }

    private void validateKeyTemplate(ExecutableElement method, CachedUse use, Site site) {
        for (VariableElement p : method.getParameters()) {
            CacheAnnotations.cacheKey(p).ifPresent(mirror -> diagnostics.report(Message.CACHED_KEY_WITH_CACHE_KEY,
                    p, mirror, null, site.subject(), p.getSimpleName()));
        }
        KeyTemplate.Parsed parsed = KeyTemplate.parse(use.key(), KeyTemplate.Syntax.KEY);
        KeyTemplate.Problem problem = parsed.problem();
        if (problem != null && problem.wildcard()) {
            diagnostics.report(Message.CACHED_KEY_WILDCARD, method, use.mirror(), use.keyValue(), site.subject(),
                    problem.character(), problem.index());
            return;
        }
        if (problem != null) {
            diagnostics.report(Message.CACHED_MALFORMED_KEY, method, use.mirror(), use.keyValue(), site.subject(),
                    problem.description(), problem.fix());
            return;
        }
        for (KeyTemplate.Placeholder p : parsed.template().placeholders()) {
            Optional<TypeMirror> type = parts.placeholder(site, p, Context.KEY);
            type.ifPresent(t -> parts.warnIfUnstable(site, method, use.mirror(), use.keyValue(), t,
                    "placeholder {" + p.path() + "}", "read a stable property of it in the placeholder, or leave "
                    + "it out of the key"));
        }
    }

    private void validateInvalidate(ExecutableElement method, InvalidateUse use, int index) {
        AnnotationMirror a = use.mirror();
        String on = " on " + signatures.method(method);
        List<String> attributes = new ArrayList<>();
        if (!use.pattern().isEmpty()) {
            attributes.add("pattern = " + quote(use.pattern()));
        }
        if (!use.operation().isEmpty()) {
            attributes.add("operation = " + quote(use.operation()));
        }
        if (!use.key().isEmpty()) {
            attributes.add("key = " + quote(use.key()));
        }
        if (!use.tags().isEmpty()) {
            attributes.add("tags = " + quote(String.join(", ", use.tags())));
        }
        String subject = "@Invalidate" + (attributes.isEmpty() ? "" : "(" + String.join(", ", attributes) + ")") + on;
        if (index == 0 && method.getModifiers().contains(Modifier.ABSTRACT)) {
            diagnostics.report(Message.INVALIDATE_ABSTRACT_METHOD, method, a, null, subject);
        }
        if (!use.tags().isEmpty()) {
            tags.validateInvalidate(method, use, subject);
        } else if (!use.key().isEmpty() && !use.pattern().isEmpty()) {
            diagnostics.report(Message.INVALIDATE_KEY_WITH_PATTERN, method, a, use.keyValue(), subject);
        } else if (!use.key().isEmpty() && use.operation().isEmpty()) {
            diagnostics.report(Message.INVALIDATE_KEY_WITHOUT_OPERATION, method, a, use.keyValue(), subject);
        } else if (use.pattern().isEmpty() && use.operation().isEmpty()) {
            diagnostics.report(Message.INVALIDATE_NO_TARGET, method, a, null, subject);
        } else if (!use.pattern().isEmpty() && !use.operation().isEmpty()) {
            diagnostics.report(Message.INVALIDATE_BOTH_TARGETS, method, a, use.operationValue(), subject);
        } else if (!use.operation().isEmpty()) {
            int bad = badOperationCharacter(use.operation());
            if (bad >= 0) {
                diagnostics.report(Message.INVALIDATE_INVALID_OPERATION, method, a, use.operationValue(), subject,
                        KeyTemplate.describe(use.operation().charAt(bad)), bad, use.operation());
            } else if (use.key().isEmpty()) {
                pendingTargets.add(pending(method, index, false, subject, use.operation(), -1));
            } else {
                validateKey(method, use, index, subject);
            }
        } else {
            validatePattern(method, use, index, subject);
        }
    }

    private void validatePattern(ExecutableElement method, InvalidateUse use, int index, String subject) {
        KeyTemplate.Parsed parsed = KeyTemplate.parse(use.pattern(), KeyTemplate.Syntax.PATTERN);
        if (parsed.problem() != null) {
            diagnostics.report(Message.INVALIDATE_MALFORMED_PATTERN, method, use.mirror(), use.patternValue(),
                    subject, parsed.problem().description(), parsed.problem().fix());
            return;
        }
        Site site = new Site(method, use.mirror(), use.patternValue(), subject);
        for (KeyTemplate.Placeholder p : parsed.template().placeholders()) {
            parts.placeholder(site, p, Context.PATTERN);
        }
        // The text before the first ':' is the operation, unless a wildcard or placeholder makes it vary.
        int colon = use.pattern().indexOf(':');
        String prefix = colon < 0 ? use.pattern() : use.pattern().substring(0, colon);
        if (!prefix.isEmpty() && prefix.chars().noneMatch(c -> "*?[\\{".indexOf(c) >= 0)) {
            pendingTargets.add(pending(method, index, true, subject, prefix, -1));
        }
    }

    private void validateKey(ExecutableElement method, InvalidateUse use, int index, String subject) {
        KeyTemplate.Parsed parsed = KeyTemplate.parse(use.key(), KeyTemplate.Syntax.KEY);
        KeyTemplate.Problem problem = parsed.problem();
        if (problem != null && problem.wildcard()) {
            diagnostics.report(Message.INVALIDATE_KEY_WILDCARD, method, use.mirror(), use.keyValue(), subject,
                    problem.character(), problem.index());
            return;
        }
        if (problem != null) {
            diagnostics.report(Message.INVALIDATE_MALFORMED_KEY, method, use.mirror(), use.keyValue(), subject,
                    problem.description(), problem.fix());
            return;
        }
        Site site = new Site(method, use.mirror(), use.keyValue(), subject);
        for (KeyTemplate.Placeholder p : parsed.template().placeholders()) {
            parts.placeholder(site, p, Context.PATTERN);
        }
        pendingTargets.add(pending(method, index, false, subject, use.operation(), parts(parsed.template())));
    }

    /** @return the index of the first character an operation may not hold, or -1 */
    private static int badOperationCharacter(String op) {
        for (int i = 0; i < op.length(); i++) {
            char c = op.charAt(i);
            if (c == ':' || KeyTemplate.PATTERN_CHARACTERS.indexOf(c) >= 0 || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String suggestOperation(String op, ExecutableElement method) {
        StringBuilder s = new StringBuilder();
        for (char c : op.toCharArray()) {
            boolean bad = badOperationCharacter(String.valueOf(c)) >= 0;
            if (!bad) {
                s.append(c);
            } else if (s.length() > 0 && s.charAt(s.length() - 1) != '-') {
                s.append('-');
            }
        }
        String suggestion = s.toString().replaceAll("-+$", "");
        return suggestion.isEmpty() ? method.getSimpleName().toString() : suggestion;
    }

    /** @return {@code text} as a Java string literal, the way the annotation was written */
    static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
