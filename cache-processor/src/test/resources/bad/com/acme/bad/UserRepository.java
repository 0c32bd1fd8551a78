package com.acme.bad;

import io.cacheweave.annotations.Cached;

public class UserRepository {
    @Cached(operation = "findById",
            key = "{userId}")
    public String findById(long id) {
        return "";
    }
}
