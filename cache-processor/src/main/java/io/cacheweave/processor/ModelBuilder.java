package io.cacheweave.processor;

import com.palantir.javapoet.TypeName;
import io.cacheweave.processor.CacheAnnotations.CachedUse;
import io.cacheweave.processor.CacheAnnotations.InvalidateUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Builds the immutable model of a class whose annotated methods passed validation: names, descriptors, key parts
 * and how each part renders. It trusts the validator: it never reports anything itself.
 */
final class ModelBuilder {
    private final Signatures signatures;
    private final KeyTypes keyTypes;
    private final PropertyPaths properties;
    private final ShapeBuilder shapes;

    ModelBuilder(Signatures signatures, KeyTypes keyTypes, PropertyPaths properties, ShapeBuilder shapes) {
        this.signatures = signatures;
        this.keyTypes = keyTypes;
        this.properties = properties;
        this.shapes = shapes;
    }

    /**
     * @param type the class
     * @param methods its valid annotated methods, in source order
     * @return the model
     */
    ClassModel build(TypeElement type, List<ExecutableElement> methods) {
        String pkg = signatures.packageName(type);
        String binaryName = signatures.binaryName(type);
        List<MethodModel> models = new ArrayList<>();
        int n = 0;
        for (ExecutableElement m : methods) {
            Optional<CachedUse> cached = CacheAnnotations.cached(m);
            List<InvalidateUse> invalidates = CacheAnnotations.invalidates(m);
            if (cached.isPresent()) {
                models.add(cached(binaryName, m, cached.get(), "CACHED_" + m.getSimpleName() + "_" + n++, pkg));
            } else if (!invalidates.isEmpty()) {
                models.add(invalidate(binaryName, m, invalidates, "INVALIDATE_" + m.getSimpleName() + "_" + n++,
                        pkg));
            }
        }
        return new ClassModel(pkg, binaryName, ClassModel.holderSimpleName(binaryName, pkg), type, models);
    }

    private CachedMethodModel cached(String owner, ExecutableElement m, CachedUse use, String field, String pkg) {
        Parts parts = new Parts();
        if (use.key().isEmpty()) {
            List<VariableElement> keyParameters = ResultTypes.keyParameters(m);
            for (VariableElement p : keyParameters) {
                if (!parts.segments.isEmpty()) {
                    parts.segments.add(new KeySegment.Literal(":"));
                }
                parts.add(m, p.getSimpleName().toString(), List.of(), pkg);
            }
        } else {
            parts.addAll(m, KeyTemplate.parse(use.key(), KeyTemplate.Syntax.KEY).template(), pkg);
        }
        boolean rendered = parts.types.stream().anyMatch(t -> !keyTypes.hasValueEquality(t));
        List<List<KeySegment>> tags = new ArrayList<>();
        for (String tag : use.tags()) {
            List<KeySegment> segments = new ArrayList<>();
            for (KeyTemplate.Segment s : KeyTemplate.parse(tag, KeyTemplate.Syntax.KEY).template().segments()) {
                if (s instanceof KeyTemplate.Literal l) {
                    segments.add(new KeySegment.Literal(l.text()));
                } else if (s instanceof KeyTemplate.Placeholder p) {
                    int index = 0;
                    while (!parts.parts.get(index).placeholder().equals(p.path())) {
                        index++; // the validator made sure it is a part of the key
                    }
                    segments.add(new KeySegment.Part(index));
                }
            }
            tags.add(segments);
        }
        return new CachedMethodModel(owner, m.getSimpleName().toString(), signatures.descriptor(m), field,
                ResultTypes.keyCandidates(m).size(), use.operation(), use.ttl(), use.key(), parts.parts, parts.segments,
                rendered, use.cacheNull(), use.lease(), use.jitter(), use.refreshAfter(), tags, m);
    }

    private InvalidateModel invalidate(String owner, ExecutableElement m, List<InvalidateUse> uses, String field,
            String pkg) {
        List<InvalidateModel.Target> targets = new ArrayList<>();
        for (InvalidateUse use : uses) {
            if (!use.tags().isEmpty()) {
                for (String tag : use.tags()) {
                    Parts parts = new Parts();
                    parts.addAll(m, KeyTemplate.parse(tag, KeyTemplate.Syntax.KEY).template(), pkg);
                    targets.add(new InvalidateModel.Tag(tag, parts.parts, parts.segments, use.beforeInvocation()));
                }
            } else if (!use.key().isEmpty()) {
                Parts parts = new Parts();
                parts.addAll(m, KeyTemplate.parse(use.key(), KeyTemplate.Syntax.KEY).template(), pkg);
                targets.add(new InvalidateModel.Key(use.operation(), use.key(), parts.parts, parts.segments,
                        use.beforeInvocation()));
            } else if (use.pattern().isEmpty()) {
                targets.add(new InvalidateModel.Operation(use.operation(), use.beforeInvocation()));
            } else {
                Parts parts = new Parts();
                parts.addAll(m, KeyTemplate.parse(use.pattern(), KeyTemplate.Syntax.PATTERN).template(), pkg);
                targets.add(new InvalidateModel.Pattern(use.pattern(), parts.parts, parts.segments,
                        use.beforeInvocation()));
            }
        }
        return new InvalidateModel(owner, m.getSimpleName().toString(), signatures.descriptor(m), field,
                m.getParameters().size(), targets, m);
    }

    /** The parts and segments of one key or pattern, built up in order. */
    private final class Parts {
        final List<KeyPart> parts = new ArrayList<>();
        final List<TypeMirror> types = new ArrayList<>();
        final List<KeySegment> segments = new ArrayList<>();

        void addAll(ExecutableElement m, KeyTemplate template, String pkg) {
            for (KeyTemplate.Segment s : template.segments()) {
                if (s instanceof KeyTemplate.Literal l) {
                    segments.add(new KeySegment.Literal(l.text()));
                } else if (s instanceof KeyTemplate.Placeholder p) {
                    add(m, p.parameter(), p.properties(), pkg);
                }
            }
        }

        /** Adds a segment for the placeholder, and a part unless an equal placeholder came before. */
        void add(ExecutableElement m, String parameter, List<String> path, String pkg) {
            String placeholder = path.isEmpty() ? parameter : parameter + "." + String.join(".", path);
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).placeholder().equals(placeholder)) {
                    segments.add(new KeySegment.Part(i));
                    return;
                }
            }
            int index = 0;
            while (!m.getParameters().get(index).getSimpleName().contentEquals(parameter)) {
                index++;
            }
            TypeMirror parameterType = m.getParameters().get(index).asType();
            List<Accessor> accessors = new ArrayList<>();
            TypeMirror type = parameterType;
            for (PropertyPaths.Property step : properties.resolve(parameterType, path, pkg).steps()) {
                accessors.add(shapes.accessor(step));
                type = step.type();
            }
            TypeName typeName = shapes.erased(type);
            ValueShape shape = shapes.shape(type, pkg);
            if (!path.isEmpty() && typeName.isPrimitive()) {
                typeName = typeName.box(); // the path may meet a null on the way
                shape = new ValueShape.Scalar(shapes.erased(type), true);
            }
            segments.add(new KeySegment.Part(parts.size()));
            parts.add(new KeyPart(placeholder, index, shapes.erased(parameterType), accessors, typeName, shape));
            types.add(type);
        }
    }
}
