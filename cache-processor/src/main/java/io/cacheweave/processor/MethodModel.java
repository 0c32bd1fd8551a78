package io.cacheweave.processor;

import javax.lang.model.element.ExecutableElement;

/** One woven method and the field of the generated key builder that serves it. */
sealed interface MethodModel permits CachedMethodModel, InvalidateModel {

    /** @return binary name of the declaring class, such as {@code com.acme.Outer$Inner} */
    String declaringClass();

    /** @return the method name */
    String methodName();

    /** @return the JVM descriptor */
    String descriptor();

    /** @return the name of the {@code public static final} field in the key builder */
    String fieldName();

    /** @return the number of parameters */
    int arity();

    /** @return the method, as the originating element of the generated code */
    ExecutableElement element();

    /** @return {@code cached} or {@code invalidate}: the first word of the method's index line */
    String indexKind();
}
