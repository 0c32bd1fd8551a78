package com.acme.tags;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public class UserDocs {
    @Cached(operation = "doc", key = "{userId}:{docId}", tags = {"user:{userId}", "docs"})
    public String doc(String userId, long docId) {
        return userId + "/" + docId;
    }

    @Cached(operation = "user-profile", tags = "user:{userId}")
    public String profile(String userId) {
        return userId;
    }

    @Invalidate(tags = "user:{userId}")
    public void userChanged(String userId) {
    }

    @Invalidate(tags = {"docs", "user:{userId}"}, beforeInvocation = true)
    public void everything(String userId) {
    }
}
