package io.cacheweave.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Checks the parts of keys and patterns: that a placeholder names a parameter and a readable property path, that
 * the generated key builder can name every type it has to, and that a key part renders the same for equal calls.
 */
final class KeyPartChecker {

    /** Where a part comes from, with the messages to use for it. */
    enum Context {
        KEY(Message.CACHED_UNKNOWN_KEY_PARAMETER, Message.CACHED_UNKNOWN_KEY_PROPERTY),
        PATTERN(Message.INVALIDATE_UNKNOWN_PARAMETER, Message.INVALIDATE_UNKNOWN_PROPERTY);

        final Message unknownParameter;
        final Message unknownProperty;

        Context(Message unknownParameter, Message unknownProperty) {
            this.unknownParameter = unknownParameter;
            this.unknownProperty = unknownProperty;
        }
    }

    /**
     * Where to report, and about what.
     *
     * @param method the annotated method
     * @param annotation the annotation
     * @param value the attribute that holds the placeholder, or {@code null}
     * @param subject the message subject
     */
    record Site(ExecutableElement method, AnnotationMirror annotation, AnnotationValue value, String subject) {
    }

    private final Diagnostics diagnostics;
    private final Signatures signatures;
    private final KeyTypes keyTypes;
    private final PropertyPaths properties;

    KeyPartChecker(Diagnostics diagnostics, Signatures signatures, KeyTypes keyTypes, PropertyPaths properties) {
        this.diagnostics = diagnostics;
        this.signatures = signatures;
        this.keyTypes = keyTypes;
        this.properties = properties;
    }

    /**
     * @return whether the value of a key part (a parameter, or a property path from it) has value equality, so that
     *     the memory-tier key holds it rather than its rendered text; {@code true} when the part does not resolve
     *     (that is reported where the key is checked)
     */
    boolean hasValueEquality(ExecutableElement method, String parameter, List<String> path) {
        for (VariableElement p : method.getParameters()) {
            if (p.getSimpleName().contentEquals(parameter)) {
                PropertyPaths.Resolution r = properties.resolve(p.asType(), path, signatures.packageName(method));
                if (!r.resolved()) {
                    return true;
                }
                TypeMirror type = r.steps().isEmpty() ? p.asType() : r.steps().get(r.steps().size() - 1).type();
                return keyTypes.hasValueEquality(type);
            }
        }
        return true;
    }

    /** @return the type of the placeholder's value, or empty after reporting why it has none */
    Optional<TypeMirror> placeholder(Site site, KeyTemplate.Placeholder placeholder, Context context) {
        List<String> names = new ArrayList<>();
        VariableElement parameter = null;
        for (VariableElement p : site.method().getParameters()) {
            names.add(p.getSimpleName().toString());
            if (p.getSimpleName().contentEquals(placeholder.parameter())) {
                parameter = p;
            }
        }
        if (parameter == null) {
            diagnostics.report(context.unknownParameter, site.method(), site.annotation(), site.value(),
                    site.subject(), placeholder.parameter(), names.isEmpty() ? "the method has no parameters"
                    : "parameters are: " + Suggestions.list(names), Suggestions.didYouMean(placeholder.parameter(),
                    names));
            return Optional.empty();
        }
        String pkg = signatures.packageName(site.method());
        if (!accessible(site, parameter.asType(), "parameter \"" + parameter.getSimpleName() + "\"",
                site.method(), site.annotation(), site.value())) {
            return Optional.empty();
        }
        PropertyPaths.Resolution r = properties.resolve(parameter.asType(), placeholder.properties(), pkg);
        if (!r.resolved()) {
            reportUnknownProperty(site, placeholder, context, r, pkg);
            return Optional.empty();
        }
        TypeMirror type = parameter.asType();
        StringBuilder path = new StringBuilder(placeholder.parameter());
        for (PropertyPaths.Property step : r.steps()) {
            path.append('.').append(step.name());
            type = step.type();
            if (!accessible(site, type, "property \"" + path + "\"", site.method(), site.annotation(),
                    site.value())) {
                return Optional.empty();
            }
        }
        return Optional.of(type);
    }

    private void reportUnknownProperty(Site site, KeyTemplate.Placeholder placeholder, Context context,
            PropertyPaths.Resolution r, String pkg) {
        String name = placeholder.properties().get(r.failedAt());
        Map<String, PropertyPaths.Property> readable = properties.readable(r.failedOwner(), pkg);
        String listing = readable.isEmpty() ? "it has no properties"
                : "its properties are: " + Suggestions.list(readable.keySet());
        String hint = properties.hiddenMember(r.failedOwner(), name, pkg)
                .map(e -> " (\"" + name + "\" exists but is " + (e.getModifiers().contains(Modifier.PRIVATE)
                        ? "private" : "not accessible from package \"" + pkg + "\"")
                        + "; make it package-private or wider, or add a getter)")
                .orElse(Suggestions.didYouMean(name, readable.keySet()));
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        diagnostics.report(context.unknownProperty, site.method(), site.annotation(), site.value(), site.subject(),
                placeholder.path(), signatures.type(r.failedOwner()), name, capitalized, capitalized, name, listing,
                hint);
    }

    /**
     * Reports an error when the generated key builder could not name {@code type}.
     *
     * @param what {@code parameter "x"} or {@code property "x.y"}
     * @return whether the type can be named
     */
    boolean accessible(Site site, TypeMirror type, String what, Element element, AnnotationMirror annotation,
            AnnotationValue value) {
        String pkg = signatures.packageName(site.method());
        Optional<TypeElement> hidden = keyTypes.inaccessibleIn(type, pkg);
        if (hidden.isEmpty()) {
            return true;
        }
        TypeElement owner = (TypeElement) site.method().getEnclosingElement();
        diagnostics.report(Message.KEY_TYPE_INACCESSIBLE, element, annotation, value, site.subject(), what,
                signatures.type(type), keyTypes.whyInaccessible(hidden.get()),
                ClassModel.holderSimpleName(signatures.binaryName(owner), pkg),
                Signatures.typeName(hidden.get()));
        return false;
    }

    /**
     * Warns when a key part renders differently for equal calls.
     *
     * @param what {@code parameter "x"} or {@code placeholder {x}}
     * @param fix how to leave the part out of the key
     */
    void warnIfUnstable(Site site, Element element, AnnotationMirror annotation, AnnotationValue value,
            TypeMirror type, String what, String fix) {
        unstableReason(type, signatures.packageName(site.method())).ifPresent(reason -> diagnostics.report(
                Message.CACHED_UNSTABLE_KEY_PARAMETER, element, annotation, value, site.subject(), what,
                signatures.type(type), reason, fix));
    }

    private Optional<String> unstableReason(TypeMirror type, String pkg) {
        Optional<String> reason = keyTypes.unstableReason(type);
        if (reason.isPresent()) {
            return reason;
        }
        TypeMirror t = keyTypes.concrete(type);
        if (t.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement element = (TypeElement) ((DeclaredType) t).asElement();
        // A class of the application with neither getters nor toString() renders as Object.toString(): an
        // identity hash, new for every instance.
        if (element.getKind() == ElementKind.CLASS && !ShapeBuilder.isJdk(element)
                && !element.getModifiers().contains(Modifier.ABSTRACT)
                && properties.beanProperties((DeclaredType) t, pkg).isEmpty() && !declaresToString(element)) {
            return Optional.of("a class without getters or toString(), which renders by its identity hash");
        }
        return Optional.empty();
    }

    private boolean declaresToString(TypeElement type) {
        for (TypeElement t = type; t != null && !t.getQualifiedName().contentEquals("java.lang.Object");
                t = t.getSuperclass().getKind() == TypeKind.DECLARED
                        ? (TypeElement) ((DeclaredType) t.getSuperclass()).asElement() : null) {
            for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
                if (m.getSimpleName().contentEquals("toString") && m.getParameters().isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }
}
