package com.acme.bad;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public class Tags {
    public record Order(String customer) {
    }

    @Cached(operation = "profile",
            tags = "user:{user}") // cached unknown parameter
    public String profile(String userId) {
        return userId;
    }

    @Cached(operation = "orders",
            tags = {"order:{order.owner}"}) // cached unknown property
    public String orders(Order order) {
        return "";
    }

    @Cached(operation = "empty",
            tags = "") // cached empty
    public String empty(String id) {
        return id;
    }

    @Cached(operation = "wild",
            tags = "user:*") // cached wildcard
    public String wild(String id) {
        return id;
    }

    @Cached(operation = "open",
            tags = "user:{id") // cached malformed
    public String open(String id) {
        return id;
    }

    @Invalidate(tags = "user:{user}") // invalidate unknown parameter
    public void forget(String userId) {
    }

    @Invalidate(operation = "profile",
            tags = "user:{userId}") // with operation
    public void withOperation(String userId) {
    }

    @Invalidate(tags = {}) // invalidate no tags
    public void noTags() {
    }

    @Invalidate(tags = "user:?") // invalidate wildcard
    public void wildInvalidate() {
    }

    @Invalidate(tags = "user:{userId") // invalidate malformed
    public void openInvalidate(String userId) {
    }

    @Cached(operation = "account",
            tags = "user:{id}") // well-formed cached
    public String account(String id) {
        return id;
    }

    @Invalidate(tags = "user:{id}") // well-formed invalidate
    public void forgetAccount(String id) {
    }
}
