package io.cacheweave.processor;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A class with woven methods, and the key builder generated for it.
 *
 * @param packageName the package of the class and of its key builder; empty for the unnamed package
 * @param binaryName the class's binary name, such as {@code com.acme.Outer$Inner}
 * @param holderSimpleName the key builder's simple name, such as {@code Outer_Inner_CacheweaveKeys}
 * @param element the class
 * @param methods the woven methods, in source order
 */
record ClassModel(String packageName, String binaryName, String holderSimpleName, TypeElement element,
        List<MethodModel> methods) {

    /** Suffix of every key builder's name. */
    static final String HOLDER_SUFFIX = "_CacheweaveKeys";

    ClassModel {
        methods = List.copyOf(methods);
    }

    /** @return the key builder's simple name for a class binary name: {@code $} becomes {@code _} */
    static String holderSimpleName(String binaryName, String packageName) {
        String simple = packageName.isEmpty() ? binaryName : binaryName.substring(packageName.length() + 1);
        return simple.replace('$', '_') + HOLDER_SUFFIX;
    }

    /** @return the key builder's binary name, such as {@code com.acme.Outer_Inner_CacheweaveKeys} */
    String holderBinaryName() {
        return packageName.isEmpty() ? holderSimpleName : packageName + "." + holderSimpleName;
    }
}
