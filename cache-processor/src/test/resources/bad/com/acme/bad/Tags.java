package com.acme.bad;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public class Tags {
    @Cached(operation = "tag-unknown", tags = "user:{user}") // unknown parameter
    public String unknownParameter(String userId) {
        return userId;
    }

    @Cached(operation = "tag-not-key", key = "{id}", tags = "user:{userId}") // not in key
    public String notInKey(String id, String userId) {
        return id;
    }

    @Cached(operation = "tag-wildcard", tags = "user:*") // wildcard
    public String wildcard(String userId) {
        return userId;
    }

    @Invalidate(tags = "user:{ident}") // invalidate unknown
    public void invalidateUnknown(String userId) {
    }

    @Invalidate(operation = "tag-unknown", tags = "user:{userId}") // with operation
    public void withOperation(String userId) {
    }
}
