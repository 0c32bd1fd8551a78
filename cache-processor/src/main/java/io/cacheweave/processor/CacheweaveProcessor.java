package io.cacheweave.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * The Cacheweave annotation processor. It checks every {@code @Cached}, {@code @Invalidate} and {@code @CacheKey}
 * and reports mistakes on the attribute at fault; for each class with woven methods it generates a key builder,
 * {@code <Class>_CacheweaveKeys}; after the last round it writes the index {@code META-INF/cacheweave/index} that
 * the agent reads. See the {@linkplain io.cacheweave.processor package documentation} for both formats.
 *
 * <p>Put it on the compiler's processor path ({@code annotationProcessorPaths} in Maven); it needs nothing else,
 * and it reads the annotations by name only. It never claims the annotations, so other processors see them too,
 * and it never fails the compiler with an exception: a failure of its own is reported as an error.
 */
@AutoService(Processor.class)
public final class CacheweaveProcessor extends AbstractProcessor {

    private Elements elements;
    private Diagnostics diagnostics;
    private CacheValidator validator;
    private ModelBuilder models;
    private KeyBuilderWriter writer;
    private final CacheIndex index = new CacheIndex();
    /** Classes whose types do not resolve yet, perhaps because another processor generates them next round. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** Key builder binary name to the class it serves, to catch {@code A_B} and {@code A$B} meeting. */
    private final Map<String, String> holders = new HashMap<>();
    private Element current;

    /** Creates the processor; the compiler calls {@link #init} before use. */
    public CacheweaveProcessor() {
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        elements = env.getElementUtils();
        Types types = env.getTypeUtils();
        diagnostics = new Diagnostics(env.getMessager(), new AnnotationLocator(env));
        Signatures signatures = new Signatures(elements, types);
        KeyTypes keyTypes = new KeyTypes(elements, types);
        PropertyPaths properties = new PropertyPaths(elements, types, keyTypes);
        validator = new CacheValidator(diagnostics, signatures,
                new KeyPartChecker(diagnostics, signatures, keyTypes, properties), new ResultTypes(elements, types));
        models = new ModelBuilder(signatures, keyTypes, properties, new ShapeBuilder(types, keyTypes, properties));
        writer = new KeyBuilderWriter(env.getFiler());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(CacheAnnotations.CACHED, CacheAnnotations.INVALIDATE, CacheAnnotations.INVALIDATE_LIST,
                CacheAnnotations.CACHE_KEY);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
            if (round.processingOver()) {
                current = null;
                validator.checkInvalidationTargets(elements);
                index.write(processingEnv.getFiler());
            }
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            String subject = current == null ? "cacheweave" : current.toString();
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.PROCESSOR_FAILURE.format(subject, t, trace), current);
        }
        return false;
    }

    private void processRound(RoundEnvironment round) throws IOException {
        Set<TypeElement> classes = new LinkedHashSet<>();
        for (String name : deferred) {
            TypeElement type = elements.getTypeElement(name);
            if (type != null) {
                classes.add(type);
            }
        }
        deferred.clear();
        for (String annotation : List.of(CacheAnnotations.CACHED, CacheAnnotations.INVALIDATE,
                CacheAnnotations.INVALIDATE_LIST)) {
            TypeElement a = elements.getTypeElement(annotation);
            for (Element e : a == null ? Set.<Element>of() : round.getElementsAnnotatedWith(a)) {
                if (e instanceof ExecutableElement && e.getEnclosingElement() instanceof TypeElement type) {
                    classes.add(type);
                }
            }
        }
        TypeElement cacheKey = elements.getTypeElement(CacheAnnotations.CACHE_KEY);
        for (Element e : cacheKey == null ? Set.<Element>of() : round.getElementsAnnotatedWith(cacheKey)) {
            if (e instanceof VariableElement parameter) {
                current = parameter;
                validator.validateCacheKey(parameter);
            }
        }
        for (TypeElement type : classes) {
            current = type;
            List<ExecutableElement> methods = annotatedMethods(type);
            if (methods.stream().anyMatch(CacheweaveProcessor::hasUnresolvedTypes)) {
                if (!round.processingOver()) {
                    deferred.add(type.getQualifiedName().toString());
                }
                continue; // in the last round javac reports the missing types itself
            }
            processClass(type, methods);
        }
    }

    private void processClass(TypeElement type, List<ExecutableElement> methods) throws IOException {
        boolean valid = true;
        for (ExecutableElement m : methods) {
            current = m;
            valid &= validator.validate(m);
        }
        current = type;
        if (!valid) {
            return;
        }
        ClassModel model = models.build(type, methods);
        String other = holders.putIfAbsent(model.holderBinaryName(), model.binaryName());
        if (other != null && !other.equals(model.binaryName())) {
            diagnostics.report(Message.KEY_BUILDER_NAME_CLASH, type, null, null, "class " + model.binaryName(),
                    model.holderBinaryName(), other);
            return;
        }
        writer.write(model);
        index.add(model);
    }

    /** @return the methods and constructors of {@code type} with a cache annotation, in source order */
    private static List<ExecutableElement> annotatedMethods(TypeElement type) {
        List<ExecutableElement> methods = new ArrayList<>();
        List<ExecutableElement> all = new ArrayList<>(ElementFilter.constructorsIn(type.getEnclosedElements()));
        all.addAll(ElementFilter.methodsIn(type.getEnclosedElements()));
        for (Element e : type.getEnclosedElements()) {
            if (all.contains(e) && (CacheAnnotations.cached(e).isPresent()
                    || !CacheAnnotations.invalidates((ExecutableElement) e).isEmpty())) {
                methods.add((ExecutableElement) e);
            }
        }
        return methods;
    }

    private static boolean hasUnresolvedTypes(ExecutableElement method) {
        if (isUnresolved(method.getReturnType())) {
            return true;
        }
        for (VariableElement p : method.getParameters()) {
            if (isUnresolved(p.asType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnresolved(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type.getKind() == TypeKind.ARRAY) {
            return isUnresolved(((ArrayType) type).getComponentType());
        }
        return type.getKind() == TypeKind.DECLARED
                && ((DeclaredType) type).getTypeArguments().stream().anyMatch(CacheweaveProcessor::isUnresolved);
    }
}
