package io.cacheweave.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Properties of a type, as placeholders ({@code {request.model}}) and generated renderers read them: record
 * components, getters {@code getX()}/{@code isX()}, no-argument methods {@code x()}, and fields, as far as the
 * generated key builder (in the package of the annotated class) can access them.
 */
final class PropertyPaths {
    /** Methods of {@link Object}: never properties, whatever their shape. */
    private static final Set<String> OBJECT_METHODS = Set.of("getClass", "hashCode", "toString", "clone", "notify",
            "notifyAll", "wait", "finalize");

    private final Elements elements;
    private final Types types;
    private final KeyTypes keyTypes;

    PropertyPaths(Elements elements, Types types, KeyTypes keyTypes) {
        this.elements = elements;
        this.types = types;
        this.keyTypes = keyTypes;
    }

    /**
     * One readable property.
     *
     * @param name the property name, such as {@code model} for {@code getModel()}
     * @param member the method or field that reads it
     * @param type its type as a member of the owner (type arguments applied)
     * @param erasedDeclaredType the erasure of its declared type: what the generated code gets from a raw owner
     */
    record Property(String name, Element member, TypeMirror type, TypeMirror erasedDeclaredType) {
        /** @return whether the member is a field */
        boolean field() {
            return member.getKind() == ElementKind.FIELD;
        }
    }

    /**
     * A property path resolved as far as it goes.
     *
     * @param steps the properties read, in order
     * @param failedAt the index of the path segment that names no property, or -1
     * @param failedOwner the type that lacks it, or {@code null}
     */
    record Resolution(List<Property> steps, int failedAt, TypeMirror failedOwner) {
        boolean resolved() {
            return failedAt < 0;
        }
    }

    /** @return the steps of {@code path} from a value of type {@code root}, or where it fails */
    Resolution resolve(TypeMirror root, List<String> path, String packageName) {
        List<Property> steps = new ArrayList<>();
        TypeMirror owner = root;
        for (int i = 0; i < path.size(); i++) {
            Property p = readable(owner, packageName).get(path.get(i));
            if (p == null) {
                return new Resolution(steps, i, owner);
            }
            steps.add(p);
            owner = p.type();
        }
        return new Resolution(steps, -1, null);
    }

    /**
     * @return every property a placeholder can read on {@code owner}, by name; where names repeat, the first of
     *     record component, method {@code x()}, getter, field wins
     */
    Map<String, Property> readable(TypeMirror owner, String packageName) {
        Map<String, Property> byName = new LinkedHashMap<>();
        DeclaredType declared = declared(owner);
        if (declared == null) {
            return byName;
        }
        TypeElement type = (TypeElement) declared.asElement();
        for (RecordComponentElement c : type.getRecordComponents()) {
            byName.putIfAbsent(c.getSimpleName().toString(), property(declared, c.getSimpleName()
                    .toString(), c.getAccessor()));
        }
        List<ExecutableElement> methods = ElementFilter.methodsIn(elements.getAllMembers(type));
        for (ExecutableElement m : methods) {
            if (isReader(m, packageName) && !propertyName(m).isPresent()) {
                byName.putIfAbsent(m.getSimpleName().toString(), property(declared, m.getSimpleName()
                        .toString(), m));
            }
        }
        for (ExecutableElement m : methods) {
            if (isReader(m, packageName) && propertyName(m).isPresent()) {
                byName.putIfAbsent(propertyName(m).get(), property(declared, propertyName(m).get(), m));
            }
        }
        for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(type))) {
            if (!f.getModifiers().contains(Modifier.STATIC) && keyTypes.isAccessibleIn(f, packageName)) {
                byName.putIfAbsent(f.getSimpleName().toString(), property(declared, f.getSimpleName()
                        .toString(), f));
            }
        }
        return byName;
    }

    /** @return the record components of {@code record}, in declaration order */
    List<Property> components(DeclaredType record) {
        List<Property> all = new ArrayList<>();
        for (RecordComponentElement c : ((TypeElement) record.asElement()).getRecordComponents()) {
            all.add(property(record, c.getSimpleName().toString(), c.getAccessor()));
        }
        return all;
    }

    /** @return the getters ({@code getX()}, {@code isX()}) of a bean the key builder can call, sorted by name */
    List<Property> beanProperties(DeclaredType bean, String packageName) {
        Map<String, Property> byName = new LinkedHashMap<>();
        for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers((TypeElement) bean.asElement()))) {
            if (isReader(m, packageName)) {
                propertyName(m).ifPresent(name -> byName.putIfAbsent(name, property(bean, name, m)));
            }
        }
        List<Property> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparing(Property::name));
        return sorted;
    }

    /**
     * @return a field or method that would be the property {@code name} but that the key builder cannot access,
     *     for the hint that it exists
     */
    Optional<Element> hiddenMember(TypeMirror owner, String name, String packageName) {
        DeclaredType declared = declared(owner);
        if (declared == null || name.isEmpty()) {
            return Optional.empty();
        }
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Set<String> names = Set.of(name, "get" + capitalized, "is" + capitalized);
        for (Element e : elements.getAllMembers((TypeElement) declared.asElement())) {
            if ((e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD)
                    && names.contains(e.getSimpleName().toString()) && !e.getModifiers().contains(Modifier.STATIC)
                    && !keyTypes.isAccessibleIn(e, packageName)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private DeclaredType declared(TypeMirror owner) {
        TypeMirror t = keyTypes.concrete(owner);
        return t.getKind() == TypeKind.DECLARED ? (DeclaredType) t : null;
    }

    private boolean isReader(ExecutableElement m, String packageName) {
        return !m.getModifiers().contains(Modifier.STATIC) && m.getParameters().isEmpty()
                && m.getReturnType().getKind() != TypeKind.VOID && m.getTypeParameters().isEmpty()
                && !OBJECT_METHODS.contains(m.getSimpleName().toString())
                && keyTypes.isAccessibleIn(m, packageName);
    }

    /** @return {@code model} for {@code getModel()}, {@code active} for {@code boolean isActive()}, else empty */
    private static Optional<String> propertyName(ExecutableElement m) {
        String name = m.getSimpleName().toString();
        if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
            return Optional.of(decapitalize(name.substring(3)));
        }
        boolean bool = m.getReturnType().getKind() == TypeKind.BOOLEAN
                || m.getReturnType().toString().equals("java.lang.Boolean");
        if (bool && name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2))) {
            return Optional.of(decapitalize(name.substring(2)));
        }
        return Optional.empty();
    }

    /** @return {@code model} for {@code Model}, {@code URL} for {@code URL}: the JavaBeans rule */
    private static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private Property property(DeclaredType owner, String name, Element member) {
        TypeMirror declaredType = member.getKind() == ElementKind.FIELD ? member.asType()
                : ((ExecutableElement) member).getReturnType();
        TypeMirror asMember = types.asMemberOf(owner, member);
        TypeMirror type = asMember instanceof ExecutableType e ? e.getReturnType() : asMember;
        return new Property(name, member, type, types.erasure(declaredType));
    }
}
