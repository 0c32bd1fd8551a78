package com.acme.bad;

import io.cacheweave.annotations.CacheKey;
import io.cacheweave.annotations.Cached;

public class KeyTemplates {
    public record Request(String model, String text) {
    }

    public static class Account {
        private String secret;
        public String region;

        public String getOwner() {
            return "";
        }
    }

    @Cached(operation = "unknownProperty", key = "{request.modle}")
    public String unknownProperty(Request request) {
        return "";
    }

    @Cached(operation = "privateField", key = "{account.secret}")
    public String privateField(Account account) {
        return "";
    }

    @Cached(operation = "primitiveProperty", key = "{id.value}")
    public String primitiveProperty(long id) {
        return "";
    }

    @Cached(operation = "unclosed", key = "{id")
    public String unclosed(long id) {
        return "";
    }

    @Cached(operation = "stray", key = "id}")
    public String stray(long id) {
        return "";
    }

    @Cached(operation = "empty", key = "user:{}")
    public String emptyPlaceholder(long id) {
        return "";
    }

    @Cached(operation = "notAName", key = "{1st}")
    public String notAName(long id) {
        return "";
    }

    @Cached(operation = "space", key = "{id} {id}")
    public String space(long id) {
        return "";
    }

    @Cached(operation = "percent", key = "{id}%")
    public String percent(long id) {
        return "";
    }

    @Cached(operation = "wildcard", key = "{id}:*")
    public String wildcard(long id) {
        return "";
    }

    @Cached(operation = "escape", key = "a\\b")
    public String escape(long id) {
        return "";
    }

    @Cached(operation = "withCacheKey", key = "{id}")
    public String withCacheKey(long id,
            @CacheKey String region) {
        return "";
    }

    @Cached(operation = "noParameters", key = "{id}")
    public String noParameters() {
        return "";
    }
}
