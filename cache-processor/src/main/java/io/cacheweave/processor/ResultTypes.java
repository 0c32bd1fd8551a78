package io.cacheweave.processor;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which results of a {@code @Cached} method can be stored: a result that can be consumed once (a stream, an
 * iterator, an input stream, a publisher the runtime does not know) would be handed, stored, to every later caller
 * already consumed. The runtime stores what {@code Optional}, futures and Reactor's {@code Mono}/{@code Flux}
 * carry, so their type argument is checked too. Types are compared by name, so that none of them must be on the
 * processor's class path.
 */
final class ResultTypes {

    /**
     * A one-shot type the method returns.
     *
     * @param returned the type as declared, such as {@code Stream<User>}
     * @param what what the type is, for the message
     * @param fix how to return the value instead
     */
    record OneShot(String returned, String what, String fix) {
    }

    /** Containers whose content the runtime stores: their type argument must be storable too. */
    private static final List<String> CARRIERS = List.of("java.util.Optional",
            "java.util.concurrent.CompletableFuture", "java.util.concurrent.CompletionStage",
            "reactor.core.publisher.Mono", "reactor.core.publisher.Flux");
    /** Publishers the runtime subscribes to itself (see the runtime's reactive package). */
    private static final List<String> SUPPORTED_PUBLISHERS = List.of("reactor.core.publisher.Mono",
            "reactor.core.publisher.Flux");

    private final Elements elements;
    private final Types types;

    ResultTypes(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /**
     * @return whether the method is a Kotlin {@code suspend} function as kapt shows it: its last parameter is a
     *     {@code kotlin.coroutines.Continuation}
     */
    static boolean isSuspendFunction(javax.lang.model.element.ExecutableElement method) {
        List<? extends javax.lang.model.element.VariableElement> parameters = method.getParameters();
        if (parameters.isEmpty()) {
            return false;
        }
        TypeMirror last = parameters.get(parameters.size() - 1).asType();
        return last instanceof DeclaredType d && ((TypeElement) d.asElement()).getQualifiedName()
                .contentEquals("kotlin.coroutines.Continuation");
    }

    /**
     * @return the parameters that can make a key: all of them, but the continuation of a suspend function
     */
    static List<? extends javax.lang.model.element.VariableElement> keyCandidates(
            javax.lang.model.element.ExecutableElement method) {
        List<? extends javax.lang.model.element.VariableElement> parameters = method.getParameters();
        return isSuspendFunction(method) ? parameters.subList(0, parameters.size() - 1) : parameters;
    }

    /**
     * @return the parameters of a key without a template: those marked {@code @CacheKey}, else every key candidate
     */
    static List<javax.lang.model.element.VariableElement> keyParameters(
            javax.lang.model.element.ExecutableElement method) {
        List<javax.lang.model.element.VariableElement> marked = new java.util.ArrayList<>();
        for (javax.lang.model.element.VariableElement p : method.getParameters()) {
            if (CacheAnnotations.cacheKey(p).isPresent()) {
                marked.add(p);
            }
        }
        return marked.isEmpty() ? List.copyOf(keyCandidates(method)) : marked;
    }

    /**
     * @return what a suspend function returns to its caller: the type argument of its continuation (kapt writes
     *     {@code Continuation<? super T>}); {@code Object} when it has none
     */
    TypeMirror suspendResult(javax.lang.model.element.ExecutableElement method) {
        List<? extends javax.lang.model.element.VariableElement> parameters = method.getParameters();
        TypeMirror last = parameters.get(parameters.size() - 1).asType();
        if (last instanceof DeclaredType d && d.getTypeArguments().size() == 1) {
            TypeMirror argument = d.getTypeArguments().get(0);
            if (argument instanceof WildcardType w) {
                return w.getSuperBound() != null ? w.getSuperBound()
                        : w.getExtendsBound() != null ? w.getExtendsBound() : objectType();
            }
            return argument;
        }
        return objectType();
    }

    private TypeMirror objectType() {
        return elements.getTypeElement("java.lang.Object").asType();
    }

    /** @return whether the type is {@code kotlin.Unit}, what a suspend function without a value returns */
    static boolean isUnit(TypeMirror type) {
        return type instanceof DeclaredType d
                && ((TypeElement) d.asElement()).getQualifiedName().contentEquals("kotlin.Unit");
    }

    /** @return the one-shot type in the method's result, if the result (or what a carrier of it holds) is one */
    Optional<OneShot> oneShot(TypeMirror returned) {
        if (returned.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        DeclaredType declared = (DeclaredType) returned;
        String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
        if (CARRIERS.contains(name) && declared.getTypeArguments().size() == 1) {
            Optional<OneShot> inner = oneShot(upper(declared.getTypeArguments().get(0)));
            if (inner.isPresent() || SUPPORTED_PUBLISHERS.contains(name)) {
                return inner;
            }
        }
        String element = elementType(declared);
        String list = "List<" + element + ">";
        if (isA(returned, "java.util.stream.BaseStream")) {
            return found(returned, "a stream, which can be consumed once", "return a " + list
                    + " (collect it: stream.toList()) and stream over the list where needed");
        }
        if (isA(returned, "java.util.Iterator") || isA(returned, "java.util.Spliterator")
                || isA(returned, "java.util.Enumeration")) {
            return found(returned, "an iterator, which can be walked once", "return a " + list);
        }
        if (isA(returned, "java.lang.Iterable") && !isA(returned, "java.util.Collection")) {
            return found(returned, "an Iterable that is not a Collection, which may be walkable once only",
                    "return a " + list + " or another Collection");
        }
        if (isA(returned, "java.io.InputStream") || isA(returned, "java.nio.channels.ReadableByteChannel")) {
            return found(returned, "an input stream, which can be read once", "return the bytes (byte[]) or the "
                    + "value read from them");
        }
        if (isA(returned, "java.io.Reader")) {
            return found(returned, "a reader, which can be read once", "return the String, or the value read "
                    + "from it");
        }
        if (!SUPPORTED_PUBLISHERS.contains(name) && (isA(returned, "org.reactivestreams.Publisher")
                || isA(returned, "java.util.concurrent.Flow.Publisher")
                || isA(returned, "kotlinx.coroutines.flow.Flow"))) {
            return found(returned, "a publisher that Cacheweave does not subscribe to, so it would store the "
                    + "publisher and not its values", "return a Mono<" + element + "> or Flux<" + element
                    + "> (Reactor), a CompletableFuture<" + element + ">, or a " + list);
        }
        return Optional.empty();
    }

    private static Optional<OneShot> found(TypeMirror returned, String what, String fix) {
        return Optional.of(new OneShot(simple(returned), what, fix));
    }

    /** @return whether {@code type} is {@code name} or a subtype of it; {@code false} when it is not compiled in */
    private boolean isA(TypeMirror type, String name) {
        TypeElement e = elements.getTypeElement(name);
        return e != null && types.isAssignable(types.erasure(type), types.erasure(e.asType()));
    }

    /** @return the declared element type for "return a List&lt;T&gt;": the type argument of a one-argument type */
    private static String elementType(DeclaredType declared) {
        if (declared.getTypeArguments().size() == 1) {
            return simple(upper(declared.getTypeArguments().get(0)));
        }
        return "T";
    }

    private static TypeMirror upper(TypeMirror t) {
        if (t instanceof WildcardType w) {
            return w.getExtendsBound() != null ? w.getExtendsBound() : t;
        }
        return t;
    }

    /** @return the type as written without package names: {@code Stream<User>} for {@code java.util.stream...} */
    private static String simple(TypeMirror t) {
        return t.toString().replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+(?=[A-Z])", "");
    }
}
