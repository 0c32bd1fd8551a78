package io.cacheweave.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * One part of a key or pattern: a parameter, or a property reached from it.
 *
 * @param placeholder the parameter name or path as written, such as {@code request.model}
 * @param parameter the index of the parameter
 * @param parameterType the erased parameter type (primitive for primitive parameters)
 * @param path the properties read from the parameter, null-safe; empty for the parameter itself
 * @param type the erased static type of the part; a primitive at the end of a path is boxed, since the path may
 *     meet a null
 * @param shape how the part renders
 */
record KeyPart(String placeholder, int parameter, TypeName parameterType, List<Accessor> path, TypeName type,
        ValueShape shape) {
    KeyPart {
        path = List.copyOf(path);
    }
}
