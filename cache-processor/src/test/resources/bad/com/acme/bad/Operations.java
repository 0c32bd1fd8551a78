package com.acme.bad;

import io.cacheweave.annotations.Cached;

public class Operations {
    @Cached(operation = "")
    public String empty(String id) {
        return id;
    }

    @Cached(operation = "user:find")
    public String colon(String id) {
        return id;
    }

    @Cached(operation = "find user")
    public String space(String id) {
        return id;
    }

    @Cached(operation = "glob*")
    public String glob(String id) {
        return id;
    }

    @Cached(operation = "zero",
            ttl = 0)
    public String zero(String id) {
        return id;
    }

    @Cached(operation = "jittery",
            jitter = 150)
    public String jittery(String id) {
        return id;
    }

    @Cached(operation = "refreshZero",
            refreshAfter = 0)
    public String refreshZero(String id) {
        return id;
    }

    @Cached(operation = "refreshLate", ttl = 60,
            refreshAfter = 60)
    public String refreshLate(String id) {
        return id;
    }

    @Cached(operation = "twice")
    public String first(String id) {
        return id;
    }

    @Cached(operation = "twice") // second
    public String second(String id) {
        return id;
    }
}
