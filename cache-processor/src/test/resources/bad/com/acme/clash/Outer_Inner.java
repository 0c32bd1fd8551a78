package com.acme.clash;

import io.cacheweave.annotations.Cached;

public class Outer_Inner {
    @Cached(operation = "topLevel")
    public String topLevel(String x) {
        return x;
    }
}
