package io.cacheweave.processor;

import java.util.StringJoiner;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Names of classes and methods: JVM descriptors and binary names for the generated code and the index (the agent
 * matches methods by them), and short readable forms for messages.
 */
final class Signatures {
    private final Elements elements;
    private final Types types;

    Signatures(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** @return the binary name, such as {@code com.acme.Outer$Inner} */
    String binaryName(TypeElement type) {
        return elements.getBinaryName(type).toString();
    }

    /** @return the package name, empty for the unnamed package */
    String packageName(Element element) {
        PackageElement p = elements.getPackageOf(element);
        return p.isUnnamed() ? "" : p.getQualifiedName().toString();
    }

    /** @return the JVM descriptor, such as {@code (Ljava/lang/String;J)Ljava/util/List;}, of the erased method */
    String descriptor(ExecutableElement method) {
        StringBuilder d = new StringBuilder("(");
        for (VariableElement p : method.getParameters()) {
            d.append(descriptor(p.asType()));
        }
        return d.append(')').append(descriptor(method.getReturnType())).toString();
    }

    /** @return the JVM field descriptor of the erasure of {@code type} */
    String descriptor(TypeMirror type) {
        return switch (type.getKind()) {
            case BOOLEAN -> "Z";
            case BYTE -> "B";
            case SHORT -> "S";
            case CHAR -> "C";
            case INT -> "I";
            case LONG -> "J";
            case FLOAT -> "F";
            case DOUBLE -> "D";
            case VOID -> "V";
            case ARRAY -> "[" + descriptor(((ArrayType) type).getComponentType());
            case DECLARED -> "L" + binaryName((TypeElement) ((DeclaredType) type).asElement()).replace('.', '/')
                    + ";";
            default -> {
                TypeMirror erased = types.erasure(type);
                if (erased.getKind() == type.getKind()) {
                    throw new IllegalArgumentException("no descriptor for " + type + " (" + type.getKind() + ")");
                }
                yield descriptor(erased);
            }
        };
    }

    /** @return {@code UserRepository.findById(long id)}, or {@code constructor Widget(String name)} */
    String method(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (VariableElement p : method.getParameters()) {
            params.add(type(p.asType()) + " " + p.getSimpleName());
        }
        return method.getKind() == ElementKind.CONSTRUCTOR
                ? "constructor " + typeName(owner) + params
                : typeName(owner) + "." + method.getSimpleName() + params;
    }

    /** @return the name as written in the code of its package, such as {@code Outer.Inner} */
    static String typeName(TypeElement type) {
        Element enclosing = type.getEnclosingElement();
        return enclosing instanceof TypeElement outer
                ? typeName(outer) + "." + type.getSimpleName()
                : type.getSimpleName().toString();
    }

    /** @return a short readable form of a type, such as {@code List<Summary>} or {@code long[]} */
    String type(TypeMirror type) {
        switch (type.getKind()) {
            case ARRAY:
                return type(((ArrayType) type).getComponentType()) + "[]";
            case DECLARED:
                DeclaredType declared = (DeclaredType) type;
                String name = typeName((TypeElement) declared.asElement());
                if (declared.getTypeArguments().isEmpty()) {
                    return name;
                }
                StringJoiner args = new StringJoiner(", ", name + "<", ">");
                for (TypeMirror arg : declared.getTypeArguments()) {
                    args.add(type(arg));
                }
                return args.toString();
            case WILDCARD:
                WildcardType w = (WildcardType) type;
                return w.getExtendsBound() != null ? "? extends " + type(w.getExtendsBound())
                        : w.getSuperBound() != null ? "? super " + type(w.getSuperBound()) : "?";
            default:
                return type.toString();
        }
    }
}
