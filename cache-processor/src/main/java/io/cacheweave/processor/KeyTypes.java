package io.cacheweave.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the processor needs to know about the type of a key part: whether the generated code can name it, whether
 * it can serve as a memory-tier key (value equality), and whether it renders stably.
 */
final class KeyTypes {
    /** Types that compare by value though they are neither records nor declare {@code equals} themselves. */
    private static final List<String> VALUE_TYPES = List.of("java.lang.String", "java.util.UUID",
            "java.math.BigDecimal", "java.math.BigInteger");
    /** Containers that compare by value when their type arguments do. */
    private static final List<String> VALUE_CONTAINERS = List.of("java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Optional");
    /** Types whose value is a handle, a stream or a running thing: they render by identity, never by content. */
    private static final List<String> HANDLE_TYPES = List.of("java.util.stream.BaseStream", "java.util.Iterator",
            "java.util.Spliterator", "java.lang.Thread", "java.io.InputStream", "java.io.OutputStream",
            "java.io.Reader", "java.io.Writer", "java.util.concurrent.Future", "java.util.concurrent.CompletionStage",
            "java.util.concurrent.Executor", "java.lang.ClassLoader", "java.nio.channels.Channel", "java.net.Socket",
            "java.util.Random", "java.lang.AutoCloseable");

    private final Elements elements;
    private final Types types;

    KeyTypes(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    Types types() {
        return types;
    }

    /**
     * @param type a type
     * @param packageName the package of the generated key builder
     * @return the class that the key builder cannot name (private, or not public in another package), if any
     */
    Optional<TypeElement> inaccessibleIn(TypeMirror type, String packageName) {
        TypeMirror t = types.erasure(type);
        while (t.getKind() == TypeKind.ARRAY) {
            t = ((ArrayType) t).getComponentType();
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        for (Element e = ((DeclaredType) t).asElement(); e instanceof TypeElement te; e = e.getEnclosingElement()) {
            if (!isAccessibleIn(te, packageName)) {
                return Optional.of(te);
            }
        }
        return Optional.empty();
    }

    /** @return whether code in {@code packageName} can use the member or type (ignoring its enclosing types) */
    boolean isAccessibleIn(Element member, String packageName) {
        Set<Modifier> m = member.getModifiers();
        if (m.contains(Modifier.PUBLIC)) {
            return true;
        }
        return !m.contains(Modifier.PRIVATE)
                && elements.getPackageOf(member).getQualifiedName().contentEquals(packageName);
    }

    /** @return {@code private}, or {@code not public and in another package}, for messages */
    String whyInaccessible(TypeElement type) {
        return type.getModifiers().contains(Modifier.PRIVATE) ? "private" : "not public and declared in package "
                + elements.getPackageOf(type).getQualifiedName();
    }

    /**
     * @return whether equal values of {@code type} are {@code equals}: primitives, text, boxes, enums, records of
     *     such, {@code java.time}, UUID, big numbers, lists/sets/maps/optionals of such, and classes that declare
     *     or inherit an {@code equals(Object)} other than {@link Object}'s. Arrays and interfaces are not.
     */
    boolean hasValueEquality(TypeMirror type) {
        return hasValueEquality(type, new HashSet<>());
    }

    private boolean hasValueEquality(TypeMirror type, Set<String> visiting) {
        TypeMirror t = concrete(type);
        if (t.getKind().isPrimitive()) {
            return true;
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return false;
        }
        DeclaredType declared = (DeclaredType) t;
        TypeElement element = (TypeElement) declared.asElement();
        String name = element.getQualifiedName().toString();
        if (VALUE_TYPES.contains(name) || isBoxed(t) || element.getKind() == ElementKind.ENUM
                || name.startsWith("java.time.")) {
            return true;
        }
        for (String container : VALUE_CONTAINERS) {
            if (isSubtype(t, container)) {
                List<? extends TypeMirror> args = typeArguments(t, container);
                return !args.isEmpty() && args.stream().allMatch(a -> hasValueEquality(a, visiting));
            }
        }
        if (element.getKind() == ElementKind.RECORD) {
            if (!visiting.add(name)) {
                return true; // a recursive record compares its components; the outer check decides
            }
            for (RecordComponentElement c : element.getRecordComponents()) {
                if (!hasValueEquality(((ExecutableType) types.asMemberOf(declared, c.getAccessor())).getReturnType(),
                        visiting)) {
                    return false;
                }
            }
            return true;
        }
        return element.getKind() == ElementKind.CLASS && declaresEquals(element);
    }

    private boolean declaresEquals(TypeElement type) {
        for (TypeElement t = type; t != null; t = superclass(t)) {
            if (t.getQualifiedName().contentEquals("java.lang.Object")) {
                return false;
            }
            for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
                if (m.getSimpleName().contentEquals("equals") && m.getParameters().size() == 1
                        && !m.getModifiers().contains(Modifier.STATIC)
                        && types.erasure(m.getParameters().get(0).asType()).toString().equals("java.lang.Object")) {
                    return true;
                }
            }
        }
        return false;
    }

    private TypeElement superclass(TypeElement t) {
        TypeMirror s = t.getSuperclass();
        return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
    }

    /**
     * @return why values of {@code type} render differently on every call (a function object, a stream, a class
     *     rendered by its identity hash), or empty when the rendering is stable; {@code Object} and interfaces
     *     count as stable, since the runtime renders what they hold
     */
    Optional<String> unstableReason(TypeMirror type) {
        TypeMirror t = concrete(type);
        if (t.getKind() == TypeKind.ARRAY) {
            return unstableReason(((ArrayType) t).getComponentType());
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement element = (TypeElement) ((DeclaredType) t).asElement();
        for (var a : element.getAnnotationMirrors()) {
            if (a.getAnnotationType().toString().equals("java.lang.FunctionalInterface")) {
                return Optional.of("a function object, which renders by its identity");
            }
        }
        for (String handle : HANDLE_TYPES) {
            if (isSubtype(t, handle)) {
                return Optional.of("a stream or handle, which renders by its identity, not by its content");
            }
        }
        for (String container : VALUE_CONTAINERS) {
            if (isSubtype(t, container)) {
                for (TypeMirror arg : typeArguments(t, container)) {
                    Optional<String> reason = unstableReason(arg);
                    if (reason.isPresent()) {
                        return reason.map(r -> "holding " + r);
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return {@code type} with type variables and wildcards replaced by their bounds */
    TypeMirror concrete(TypeMirror type) {
        if (type.getKind() == TypeKind.WILDCARD) {
            TypeMirror bound = ((WildcardType) type).getExtendsBound();
            return bound == null ? object() : concrete(bound);
        }
        if (type.getKind() == TypeKind.TYPEVAR || type.getKind() == TypeKind.INTERSECTION) {
            return types.erasure(type);
        }
        return type;
    }

    /** @return {@code java.lang.Object} */
    TypeMirror object() {
        return elements.getTypeElement("java.lang.Object").asType();
    }

    /** @return whether {@code type} is a subtype of the class named {@code qualifiedName}, if that exists */
    boolean isSubtype(TypeMirror type, String qualifiedName) {
        TypeElement other = elements.getTypeElement(qualifiedName);
        return other != null && type.getKind() != TypeKind.ERROR
                && types.isSubtype(types.erasure(type), types.erasure(other.asType()));
    }

    /** @return whether {@code type} is a primitive wrapper such as {@code Integer} */
    boolean isBoxed(TypeMirror type) {
        try {
            return type.getKind() == TypeKind.DECLARED && types.unboxedType(type).getKind().isPrimitive();
        } catch (IllegalArgumentException notABox) {
            return false;
        }
    }

    /**
     * @param type a subtype of {@code qualifiedName}
     * @return the type arguments of {@code qualifiedName} as {@code type} instantiates it, such as
     *     {@code [String]} for {@code ArrayList<String>} and {@code Collection}, bounded; empty when raw
     */
    List<? extends TypeMirror> typeArguments(TypeMirror type, String qualifiedName) {
        TypeMirror t = concrete(type);
        if (t.getKind() != TypeKind.DECLARED) {
            return List.of();
        }
        DeclaredType declared = (DeclaredType) t;
        if (((TypeElement) declared.asElement()).getQualifiedName().contentEquals(qualifiedName)) {
            return declared.getTypeArguments().stream().map(this::concrete).toList();
        }
        for (TypeMirror s : types.directSupertypes(t)) {
            if (isSubtype(s, qualifiedName)) {
                return typeArguments(s, qualifiedName);
            }
        }
        return List.of();
    }
}
