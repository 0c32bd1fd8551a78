package io.cacheweave.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.cacheweave.processor.ValueShape.Dynamic;
import io.cacheweave.processor.ValueShape.Entries;
import io.cacheweave.processor.ValueShape.Property;
import io.cacheweave.processor.ValueShape.Scalar;
import io.cacheweave.processor.ValueShape.Sequence;
import io.cacheweave.processor.ValueShape.Structure;
import io.cacheweave.processor.ValueShape.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the code that renders values by their {@link ValueShape}, for one key builder: statements for a value at
 * hand, and one {@code private static void render_<Type>(KeyWriter out, Type v)} per distinct structure. Keys and
 * patterns go through the same code, so a pattern placeholder renders exactly as the key part it matches.
 */
final class RenderCode {
    static final ClassName KEY_WRITER = ClassName.get("io.cacheweave.runtime.key", "KeyWriter");
    static final ClassName RENDERER = ClassName.get("io.cacheweave.runtime.key", "Renderer");
    private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");

    private final Map<Structure, String> methodNames = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Deque<Structure> pending = new ArrayDeque<>();
    private int nextLocal;

    /** @return a local variable name not used elsewhere in the key builder, such as {@code v3} */
    String local(String prefix) {
        return prefix + ++nextLocal;
    }

    /**
     * @param out the writer variable
     * @param value an expression of static type {@code type}; evaluated once
     * @param type the value's erased static type
     * @param shape how to render it
     * @return statements that render the value
     */
    CodeBlock write(String out, CodeBlock value, TypeName type, ValueShape shape) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (shape instanceof Text || (shape instanceof Scalar s && !s.boxed())) {
            code.addStatement("$N.value($L)", out, value);
        } else if (shape instanceof Scalar s) {
            String v = local("v");
            code.addStatement("$T $N = $L", type, v, value)
                    .beginControlFlow("if ($N == null)", v)
                    .addStatement("$N.nullValue()", out)
                    .nextControlFlow("else")
                    .addStatement("$N.value(($T) $N)", out, s.primitive(), v)
                    .endControlFlow();
        } else if (shape instanceof Dynamic) {
            code.addStatement(type.equals(ClassName.OBJECT) ? "$N.value($L)" : "$N.value((Object) $L)", out, value);
        } else if (shape instanceof Structure s) {
            code.addStatement("$N($N, $L)", methodName(s), out, value);
        } else if (shape instanceof Sequence s) {
            switch (s.kind()) {
                // Not addStatement: a lambda renderer holds statements of its own, which JavaPoet does not nest.
                case LIST -> code.add("$N.list($L, $L);\n", out, value, renderer(s.elementType(), s.element()));
                case SET -> code.add("$N.set($L, $L);\n", out, value, renderer(s.elementType(), s.element()));
                case ARRAY -> {
                    String v = local("v");
                    code.addStatement("$T $N = $L", type, v, value);
                    code.add("$N.list($N == null ? null : $T.asList($N), $L);\n", out, v, ARRAYS, v,
                            renderer(s.elementType(), s.element()));
                }
                default -> throw new AssertionError(s.kind());
            }
        } else if (shape instanceof Entries e) {
            code.add("$N.map($L, $L, $L);\n", out, value, renderer(e.keyType(), e.key()),
                    renderer(e.valueType(), e.value()));
        } else {
            throw new AssertionError(shape);
        }
        return code.build();
    }

    /** @return an expression of type {@code Renderer}: the default one, or a lambda that casts and renders */
    private CodeBlock renderer(TypeName type, ValueShape shape) {
        if (shape instanceof Dynamic) {
            return CodeBlock.of("$T.DEFAULT", RENDERER);
        }
        String w = local("w");
        String e = local("e");
        CodeBlock element = type.equals(ClassName.OBJECT) ? CodeBlock.of("$N", e) : CodeBlock.of("($T) $N", type, e);
        if (shape instanceof Structure s) {
            return CodeBlock.of("($T $N, Object $N) -> $N($N, $L)", KEY_WRITER, w, e, methodName(s), w, element);
        }
        return CodeBlock.builder()
                .add("($T $N, Object $N) -> {\n$>", KEY_WRITER, w, e)
                .add(write(w, element, type, shape))
                .add("$<}")
                .build();
    }

    /** @return the name of the render method of {@code s}, generated by {@link #renderMethods()} */
    private String methodName(Structure s) {
        String name = methodNames.get(s);
        if (name == null) {
            String base = "render_" + s.simpleName();
            name = base;
            for (int n = 2; !usedNames.add(name); n++) {
                name = base + "_" + n;
            }
            methodNames.put(s, name);
            pending.add(s);
        }
        return name;
    }

    /** @return the render methods of every structure met so far, and of the structures inside them */
    List<MethodSpec> renderMethods() {
        List<MethodSpec> methods = new ArrayList<>();
        while (!pending.isEmpty()) {
            Structure s = pending.poll();
            MethodSpec.Builder m = MethodSpec.methodBuilder(methodNames.get(s))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(KEY_WRITER, "out")
                    .addParameter(s.type(), "v")
                    .beginControlFlow("if (v == null)")
                    .addStatement("out.nullValue()")
                    .addStatement("return")
                    .endControlFlow()
                    .addStatement("out.beginObject()");
            for (Property p : s.properties()) {
                m.addStatement("out.name($S)", p.name());
                m.addCode(write("out", read(CodeBlock.of("v"), p.accessor(), p.shape()), p.accessor().type(),
                        p.shape()));
            }
            methods.add(m.addStatement("out.endObject()").build());
        }
        return methods;
    }

    /**
     * @return the expression that reads a property from {@code owner}; a value rendered by the runtime is read
     *     uncast, since its type may be one the key builder cannot name
     */
    static CodeBlock read(CodeBlock owner, Accessor a, ValueShape shape) {
        CodeBlock raw = a.field() ? CodeBlock.of("$L.$N", owner, a.member()) : CodeBlock.of("$L.$N()", owner,
                a.member());
        return a.cast() && !(shape instanceof Dynamic) ? CodeBlock.of("($T) $L", a.type(), raw) : raw;
    }
}
