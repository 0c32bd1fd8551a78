package com.acme.bad;

import io.cacheweave.annotations.Cached;

public class Inaccessible {
    private record Secret(String value) {
    }

    public record Wrapper(Secret secret, String name) {
    }

    @Cached(operation = "bySecret")
    String bySecret(String name,
            Secret secret) {
        return name;
    }

    @Cached(operation = "byWrapper", key = "{wrapper.secret}")
    String byWrapper(Wrapper wrapper) {
        return "";
    }

    @Cached(operation = "byName", key = "{wrapper.name}")
    String byName(Wrapper wrapper) {
        return "";
    }
}
