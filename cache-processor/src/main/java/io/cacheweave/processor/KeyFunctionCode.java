package io.cacheweave.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code KeyFunction} of a {@code @Cached} method, and the helpers it and the invalidations share: one
 * {@code key_<field>(KeyWriter out, ...parts)} per method that writes the key parts after {@code operation:}, and
 * one {@code property_<n>(Object)} per property path longer than one step.
 *
 * <p>The memory-tier key is the single part itself, a {@code Keys} tuple of the parts, or, when a part lacks value
 * equality (an array, say), the rendered key text. Text parts go through {@code Keys.text}, which keeps a text longer
 * than the hash threshold by its digest; the key helper takes them as {@code Object}, to render either.
 */
final class KeyFunctionCode {
    static final ClassName KEY_FUNCTION = ClassName.get("io.cacheweave.runtime.key", "KeyFunction");
    static final ClassName KEYS = ClassName.get("io.cacheweave.runtime.key", "Keys");
    static final ClassName CACHED_VALUE = ClassName.get(KeyBuilderWriter.WOVEN, "CachedValue");
    /** {@code KeyFunction.MAX_SPREAD_ARITY}: methods up to this arity get an array-free {@code key(...)}. */
    static final int MAX_SPREAD_ARITY = 4;

    private final RenderCode render;
    private final List<MethodSpec> helpers = new ArrayList<>();
    private int nextProperty;

    KeyFunctionCode(RenderCode render) {
        this.render = render;
    }

    /** @return the helper methods written so far */
    List<MethodSpec> helperMethods() {
        return List.copyOf(helpers);
    }

    /** @return an anonymous {@code KeyFunction} for {@code m} */
    TypeSpec keyFunction(CachedMethodModel m) {
        String writeKey = writeKeyMethod(m);
        boolean spread = m.arity() <= MAX_SPREAD_ARITY;
        List<CodeBlock> args = new ArrayList<>();
        for (int i = 0; i < m.arity(); i++) {
            args.add(spread ? CodeBlock.of("a$L", i) : CodeBlock.of("args[$L]", i));
        }
        CodeBlock.Builder body = CodeBlock.builder();
        if (m.renderedKey()) {
            List<CodeBlock> values = new ArrayList<>();
            values.add(CodeBlock.of("w"));
            for (KeyPart p : m.parts()) {
                values.add(typedValue(p, args.get(p.parameter()), m.fieldName()));
            }
            body.addStatement("$T w = $T.forKey($T.runtime().settings().core().keyHashThreshold())",
                    RenderCode.KEY_WRITER,
                    RenderCode.KEY_WRITER, KeyBuilderWriter.CACHEWEAVE);
            body.addStatement("$N($L)", writeKey, CodeBlock.join(values, ", "));
            body.addStatement("return w.toString()");
        } else {
            List<CodeBlock> values = new ArrayList<>();
            for (KeyPart p : m.parts()) {
                CodeBlock v = value(p, args.get(p.parameter()), m.fieldName());
                values.add(digestible(p) ? CodeBlock.of("$T.text($L)", KEYS, v) : v);
            }
            switch (values.size()) {
                case 0 -> body.addStatement("return $T.EMPTY", KEYS);
                case 1 -> body.addStatement("return $T.single($L)", KEYS, values.get(0));
                case 2 -> body.addStatement("return $T.of($L, $L)", KEYS, values.get(0), values.get(1));
                default -> body.addStatement("return $T.of(new Object[] {$L})", KEYS, CodeBlock.join(values, ", "));
            }
        }
        TypeSpec.Builder function = TypeSpec.anonymousClassBuilder("").superclass(KEY_FUNCTION);
        MethodSpec.Builder byArray = publicOverride("key").returns(ClassName.OBJECT)
                .addParameter(ArrayTypeName.of(ClassName.OBJECT), "args");
        if (spread) {
            MethodSpec.Builder spreadKey = publicOverride("key").returns(ClassName.OBJECT);
            List<CodeBlock> fromArray = new ArrayList<>();
            for (int i = 0; i < m.arity(); i++) {
                spreadKey.addParameter(ClassName.OBJECT, "a" + i);
                fromArray.add(CodeBlock.of("args[$L]", i));
            }
            function.addMethod(spreadKey.addCode(body.build()).build());
            byArray.addStatement("return key($L)", CodeBlock.join(fromArray, ", "));
        } else {
            byArray.addCode(body.build());
        }
        function.addMethod(byArray.build());
        if (m.arity() == 2 && m.parts().size() == 2 && !m.renderedKey()) {
            function.addMethod(lookupMethod(m, args));
        }
        if (!m.tags().isEmpty()) {
            function.addMethod(tagsMethod(m));
        }
        return function.addMethod(renderMethod(m, writeKey)).build();
    }

    /**
     * @return {@code lookup(CachedMethod cache, Object a0, Object a1)} of a method of two parameters whose key is a
     *     tuple of two parts: looks the call up by the tuple's hash and compares the candidate's parts with the
     *     call's here (this method's own JIT profile, so {@code hashCode} and {@code equals} inline), making the tuple
     *     only on a miss or when a part is a long text (kept by its digest)
     */
    private MethodSpec lookupMethod(CachedMethodModel m, List<CodeBlock> args) {
        MethodSpec.Builder lookup = publicOverride("lookup").returns(ClassName.OBJECT)
                .addParameter(KeyBuilderWriter.METHOD_CACHE, "cache")
                .addParameter(ClassName.OBJECT, "a0")
                .addParameter(ClassName.OBJECT, "a1");
        List<CodeBlock> longText = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            KeyPart p = m.parts().get(i);
            lookup.addStatement("$T p$L = $L", ClassName.OBJECT, i, value(p, args.get(p.parameter()), m.fieldName()));
            if (digestible(p)) {
                longText.add(CodeBlock.of("$T.isLongText(p$L)", KEYS, i));
            }
        }
        if (!longText.isEmpty()) {
            lookup.beginControlFlow("if ($L)", CodeBlock.join(longText, " || "))
                    .addStatement("return cache.enter(key(a0, a1))")
                    .endControlFlow();
        }
        lookup.addStatement("$T v = cache.candidate($T.hash(p0 == null ? 0 : p0.hashCode(), "
                + "p1 == null ? 0 : p1.hashCode()))", CACHED_VALUE, KEYS)
                .beginControlFlow("if (v != null && v.key() instanceof $T.Tuple)", KEYS)
                .addStatement("$T.Tuple t = ($T.Tuple) v.key()", KEYS, KEYS)
                .addStatement("$T q0 = t.get(0)", ClassName.OBJECT)
                .addStatement("$T q1 = t.get(1)", ClassName.OBJECT)
                .beginControlFlow("if ((p0 == q0 || p0 != null && p0.equals(q0)) && (p1 == q1 || p1 != null && p1.equals(q1)))")
                .addStatement("$T hit = cache.hit(v)", ClassName.OBJECT)
                .beginControlFlow("if (hit != null)")
                .addStatement("return hit")
                .endControlFlow()
                .endControlFlow()
                .endControlFlow();
        return lookup.addStatement("return cache.enter(key(a0, a1))").build();
    }

    private MethodSpec renderMethod(CachedMethodModel m, String writeKey) {
        MethodSpec.Builder render = publicOverride("render")
                .addParameter(ClassName.OBJECT, "key")
                .addParameter(RenderCode.KEY_WRITER, "out");
        if (m.renderedKey()) {
            return render.addStatement("out.raw((String) key)").build();
        }
        List<CodeBlock> values = new ArrayList<>();
        values.add(CodeBlock.of("out"));
        values.addAll(partsOfKey(render, m));
        return render.addStatement("$N($L)", writeKey, CodeBlock.join(values, ", ")).build();
    }

    /**
     * @return the parts of the memory-tier key {@code key} (a parameter of {@code method}), each cast to its helper
     *     type; declares the local {@code t} for a tuple
     */
    private static List<CodeBlock> partsOfKey(MethodSpec.Builder method, CachedMethodModel m) {
        List<CodeBlock> values = new ArrayList<>();
        if (m.parts().size() == 1) {
            values.add(cast(helperType(m.parts().get(0)), CodeBlock.of("$T.unwrap(key)", KEYS)));
        } else if (m.parts().size() > 1) {
            method.addStatement("$T.Tuple t = ($T.Tuple) key", KEYS, KEYS);
            for (int i = 0; i < m.parts().size(); i++) {
                values.add(cast(helperType(m.parts().get(i)), CodeBlock.of("t.get($L)", i)));
            }
        }
        return values;
    }

    /**
     * @return {@code tags(Object key, int hashThreshold)}: each tag template rendered from the key's parts (a tag
     *     names only parts of the key), as key text
     */
    private MethodSpec tagsMethod(CachedMethodModel m) {
        MethodSpec.Builder tags = publicOverride("tags").returns(ArrayTypeName.of(ClassName.get(String.class)))
                .addParameter(ClassName.OBJECT, "key")
                .addParameter(int.class, "hashThreshold");
        List<CodeBlock> values = partsOfKey(tags, m);
        List<CodeBlock> rendered = new ArrayList<>();
        for (int n = 0; n < m.tags().size(); n++) {
            String name = "tag_" + m.fieldName() + "_" + n;
            helpers.add(segmentWriter(name, m, m.tags().get(n)).returns(String.class)
                    .addStatement("return out.toString()").build());
            List<CodeBlock> args = new ArrayList<>();
            args.add(CodeBlock.of("$T.forKey(hashThreshold)", RenderCode.KEY_WRITER));
            args.addAll(values);
            rendered.add(CodeBlock.of("$N($L)", name, CodeBlock.join(args, ", ")));
        }
        return tags.addStatement("return new String[] {$L}", CodeBlock.join(rendered, ", ")).build();
    }

    /** @return the name of a new method that writes the key parts of {@code m}, given as typed arguments */
    private String writeKeyMethod(CachedMethodModel m) {
        String name = "key_" + m.fieldName();
        helpers.add(segmentWriter(name, m, m.segments()).build());
        return name;
    }

    /**
     * @return a private static method {@code name(KeyWriter out, p0, p1, ...)} (the key's parts, typed as the key
     *     helper takes them) that writes {@code segments} to {@code out}
     */
    private MethodSpec.Builder segmentWriter(String name, CachedMethodModel m, List<KeySegment> segments) {
        MethodSpec.Builder write = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(RenderCode.KEY_WRITER, "out");
        for (int i = 0; i < m.parts().size(); i++) {
            write.addParameter(helperType(m.parts().get(i)), "p" + i);
        }
        for (KeySegment s : segments) {
            if (s instanceof KeySegment.Literal l) {
                write.addStatement("out.literal($S)", l.text());
            } else {
                int i = ((KeySegment.Part) s).index();
                KeyPart p = m.parts().get(i);
                write.addCode(render.write("out", CodeBlock.of("p$L", i), p.type(), p.shape()));
            }
        }
        return write;
    }

    /** @return the part's value from the argument {@code arg} (an {@code Object}), cast to the part's type */
    CodeBlock typedValue(KeyPart p, CodeBlock arg, String fieldName) {
        return p.path().isEmpty() ? cast(p.type(), arg) : value(p, arg, fieldName);
    }

    /** @return the part's value from the argument {@code arg}: the argument itself, or its property, null-safe */
    CodeBlock value(KeyPart p, CodeBlock arg, String fieldName) {
        if (p.path().isEmpty()) {
            return arg;
        }
        if (p.path().size() == 1) {
            CodeBlock owner = CodeBlock.of("(($T) $L)", p.parameterType(), arg);
            return CodeBlock.of("$L == null ? null : $L", arg, RenderCode.read(owner, p.path().get(0), null));
        }
        String name = "property_" + fieldName + "_" + nextProperty++;
        MethodSpec.Builder chain = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(p.type())
                .addParameter(ClassName.OBJECT, "arg")
                .addJavadoc("@return {@code $L}, or null where the path meets a null\n", p.placeholder())
                .addStatement("$T v0 = ($T) arg", p.parameterType(), p.parameterType());
        for (int i = 0; i < p.path().size(); i++) {
            Accessor a = p.path().get(i);
            chain.beginControlFlow("if (v$L == null)", i).addStatement("return null").endControlFlow();
            CodeBlock read = RenderCode.read(CodeBlock.of("v$L", i), a, null);
            if (i == p.path().size() - 1) {
                chain.addStatement("return $L", read);
            } else {
                chain.addStatement("$T v$L = $L", a.type(), i + 1, read);
            }
        }
        helpers.add(chain.build());
        return CodeBlock.of("$N($L)", name, arg);
    }

    /**
     * @return whether the memory-tier key keeps the part through {@code Keys.text}: text, and values of undeclared
     *     type (which may be text), so that a long text is kept by its digest
     */
    private static boolean digestible(KeyPart p) {
        return p.shape() instanceof ValueShape.Text
                || (p.shape() instanceof ValueShape.Dynamic && p.type().equals(ClassName.OBJECT));
    }

    /** @return the part's parameter type in the key helper: {@code Object} where the key may hold a digest */
    private static TypeName helperType(KeyPart p) {
        return digestible(p) ? ClassName.OBJECT : p.type();
    }

    private static CodeBlock cast(TypeName type, CodeBlock value) {
        return type.equals(ClassName.OBJECT) ? value : CodeBlock.of("($T) $L", type, value);
    }

    private static MethodSpec.Builder publicOverride(String name) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
    }
}
