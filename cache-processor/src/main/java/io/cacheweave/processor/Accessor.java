package io.cacheweave.processor;

import com.palantir.javapoet.TypeName;

/**
 * Reads one property in generated code: {@code v.model()}, {@code v.model} or, where the declared type is a type
 * variable that the generated code only sees erased, {@code (Model) v.model()}.
 *
 * @param member the method or field name
 * @param field whether it is a field
 * @param type the erased static type of the property as the caller sees it
 * @param cast whether the raw read has another type and needs a cast to {@code type}
 */
record Accessor(String member, boolean field, TypeName type, boolean cast) {
}
