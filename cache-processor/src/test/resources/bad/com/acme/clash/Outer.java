package com.acme.clash;

import io.cacheweave.annotations.Cached;

public class Outer {
    public static class Inner {
        @Cached(operation = "nested")
        public String nested(String x) {
            return x;
        }
    }
}
