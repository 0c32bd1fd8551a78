package com.acme.bad;

import io.cacheweave.annotations.Cached;

public class DuplicateOther {
    @Cached(operation = "findById")
    public String again(long id) {
        return "";
    }
}
