package com.acme.box;

import io.cacheweave.annotations.Cached;

/** Properties whose declared type is a type variable: generated code reads them erased and casts. */
public class Boxes {
    public record Options(String lang, int max) {
    }

    public record Box<T>(T value, String label) {
    }

    @Cached(operation = "boxed")
    String boxed(Box<Options> box) {
        return "";
    }

    @Cached(operation = "unboxed", key = "{box.value.lang}:{box.label}")
    String unboxed(Box<Options> box) {
        return "";
    }
}
