package io.cacheweave.processor;

import com.palantir.javapoet.TypeName;
import io.cacheweave.processor.ValueShape.Dynamic;
import io.cacheweave.processor.ValueShape.Entries;
import io.cacheweave.processor.ValueShape.Property;
import io.cacheweave.processor.ValueShape.Scalar;
import io.cacheweave.processor.ValueShape.Sequence;
import io.cacheweave.processor.ValueShape.SequenceKind;
import io.cacheweave.processor.ValueShape.Structure;
import io.cacheweave.processor.ValueShape.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Decides how a value of a static type renders ({@link ValueShape}): text and primitives by their {@code value}
 * overloads, records by their components, beans of the application by their getters, collections and maps by their
 * elements, and everything else by the runtime. A type met again inside itself renders by the runtime, so that
 * self-referential types end.
 */
final class ShapeBuilder {
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final Types types;
    private final KeyTypes keyTypes;
    private final PropertyPaths properties;

    ShapeBuilder(Types types, KeyTypes keyTypes, PropertyPaths properties) {
        this.types = types;
        this.keyTypes = keyTypes;
        this.properties = properties;
    }

    /** @return whether the class belongs to the JDK, whose classes render by {@code toString()} */
    static boolean isJdk(TypeElement type) {
        String name = type.getQualifiedName().toString();
        return JDK_PACKAGES.stream().anyMatch(name::startsWith);
    }

    /** @return the erased type as generated code names it */
    TypeName erased(TypeMirror type) {
        return TypeName.get(types.erasure(keyTypes.concrete(type)));
    }

    /**
     * @param type the static type of the value
     * @param packageName the package of the generated key builder, which decides what it can access
     * @return how to render it
     */
    ValueShape shape(TypeMirror type, String packageName) {
        return shape(type, packageName, new HashSet<>());
    }

    private ValueShape shape(TypeMirror type, String pkg, Set<String> visiting) {
        TypeMirror t = keyTypes.concrete(type);
        if (t.getKind().isPrimitive()) {
            return new Scalar(TypeName.get(t), false);
        }
        if (keyTypes.inaccessibleIn(t, pkg).isPresent()) {
            return new Dynamic();
        }
        if (t.getKind() == TypeKind.ARRAY) {
            TypeMirror component = ((ArrayType) t).getComponentType();
            return component.getKind().isPrimitive() ? new Dynamic()
                    : new Sequence(SequenceKind.ARRAY, erased(component), shape(component, pkg, visiting));
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return new Dynamic();
        }
        DeclaredType declared = (DeclaredType) t;
        TypeElement element = (TypeElement) declared.asElement();
        if (keyTypes.isSubtype(t, "java.lang.CharSequence")) {
            return new Text();
        }
        if (keyTypes.isBoxed(t)) {
            return new Scalar(TypeName.get(types.unboxedType(t)), true);
        }
        if (element.getKind() == ElementKind.ENUM) {
            return new Dynamic();
        }
        if (keyTypes.isSubtype(t, "java.util.Map")) {
            List<? extends TypeMirror> args = keyTypes.typeArguments(t, "java.util.Map");
            TypeMirror k = args.size() == 2 ? args.get(0) : keyTypes.object();
            TypeMirror v = args.size() == 2 ? args.get(1) : keyTypes.object();
            return new Entries(erased(k), shape(k, pkg, visiting), erased(v), shape(v, pkg, visiting));
        }
        if (keyTypes.isSubtype(t, "java.util.Collection")) {
            List<? extends TypeMirror> args = keyTypes.typeArguments(t, "java.util.Collection");
            TypeMirror e = args.size() == 1 ? args.get(0) : keyTypes.object();
            SequenceKind kind = keyTypes.isSubtype(t, "java.util.Set") ? SequenceKind.SET : SequenceKind.LIST;
            return new Sequence(kind, erased(e), shape(e, pkg, visiting));
        }
        if (element.getKind() == ElementKind.RECORD) {
            return structure(declared, properties.components(declared), pkg, visiting);
        }
        if (!isJdk(element) && (element.getKind() == ElementKind.CLASS
                || element.getKind() == ElementKind.INTERFACE)) {
            List<PropertyPaths.Property> getters = properties.beanProperties(declared, pkg);
            if (!getters.isEmpty()) {
                return structure(declared, getters, pkg, visiting);
            }
        }
        return new Dynamic();
    }

    private ValueShape structure(DeclaredType type, List<PropertyPaths.Property> props, String pkg,
            Set<String> visiting) {
        String name = ((TypeElement) type.asElement()).getQualifiedName().toString();
        if (!visiting.add(name)) {
            return new Dynamic(); // met inside itself: the runtime renders the inner one
        }
        List<Property> rendered = new ArrayList<>();
        for (PropertyPaths.Property p : props) {
            rendered.add(new Property(p.name(), accessor(p), shape(p.type(), pkg, visiting)));
        }
        visiting.remove(name);
        return new Structure(erased(type), type.asElement().getSimpleName().toString(), rendered);
    }

    /** @return how generated code reads {@code p} from a value of the erased owner type */
    Accessor accessor(PropertyPaths.Property p) {
        TypeMirror erased = types.erasure(keyTypes.concrete(p.type()));
        boolean cast = !types.isSameType(erased, p.erasedDeclaredType());
        return new Accessor(p.member().getSimpleName().toString(), p.field(), TypeName.get(erased), cast);
    }
}
