package io.cacheweave.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * How the generated code renders a value of one static type, decided at compile time so that nothing is looked up
 * by reflection at run time. Shapes are values: two parts of the same shape share one generated render method.
 */
sealed interface ValueShape {

    /** Text ({@code String}, {@code CharSequence}): {@code out.value(CharSequence)}, which renders null too. */
    record Text() implements ValueShape {
    }

    /**
     * A primitive or a primitive wrapper, rendered with the {@code value} overload of the primitive.
     *
     * @param primitive the primitive type, such as {@code int}
     * @param boxed whether the static type is the wrapper, which may be null
     */
    record Scalar(TypeName primitive, boolean boxed) implements ValueShape {
    }

    /** A value rendered by the runtime, {@code out.value((Object) x)}: enums, interfaces, JDK classes, cycles. */
    record Dynamic() implements ValueShape {
    }

    /**
     * A record (components in declaration order) or a bean (getters sorted by name):
     * {@code (name=value,name=value)} by a generated {@code render_<Type>} method.
     *
     * @param type the erased type, as the generated code names it
     * @param simpleName its simple name, for the render method's name
     * @param properties the properties, in rendering order
     */
    record Structure(TypeName type, String simpleName, List<Property> properties) implements ValueShape {
        public Structure {
            properties = List.copyOf(properties);
        }
    }

    /**
     * One property of a {@link Structure}.
     *
     * @param name the name written before its value
     * @param accessor how to read it
     * @param shape how to render it
     */
    record Property(String name, Accessor accessor, ValueShape shape) {
    }

    /** What kind of sequence a {@link Sequence} is. */
    enum SequenceKind { LIST, SET, ARRAY }

    /**
     * A list or collection ({@code out.list}), a set ({@code out.set}) or an array of objects
     * ({@code out.list(Arrays.asList(a))}).
     *
     * @param kind the kind
     * @param elementType the erased element type, which elements are cast to
     * @param element how to render one element
     */
    record Sequence(SequenceKind kind, TypeName elementType, ValueShape element) implements ValueShape {
    }

    /**
     * A map, {@code out.map(m, keys, values)}.
     *
     * @param keyType erased key type
     * @param key how to render a key
     * @param valueType erased value type
     * @param value how to render a value
     */
    record Entries(TypeName keyType, ValueShape key, TypeName valueType, ValueShape value) implements ValueShape {
    }
}
