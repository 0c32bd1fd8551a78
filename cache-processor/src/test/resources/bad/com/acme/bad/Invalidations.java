package com.acme.bad;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;

public class Invalidations {
    public record Request(String model) {
    }

    @Cached(operation = "analysis")
    public String analysis(String user) {
        return "";
    }

    @Invalidate // neither
    public void neither() {
    }

    @Invalidate(pattern = "analysis:*",
            operation = "analysis") // both
    public void both() {
    }

    @Invalidate(pattern = "analysis:{user}")
    public void unknownParameter(String userId) {
    }

    @Invalidate(pattern = "analysis:{request.name}")
    public void unknownProperty(Request request) {
    }

    @Invalidate(pattern = "analysis:{user")
    public void unclosedPlaceholder(String user) {
    }

    @Invalidate(pattern = "analysis:[ab")
    public void unclosedSet() {
    }

    @Invalidate(pattern = "analysis:x\\")
    public void trailingEscape() {
    }

    @Invalidate(operation = "analysis:*")
    public void operationWithPattern() {
    }

    @Invalidate(operation = "analysis")
    @Invalidate(pattern = "analysis:{nope}")
    public void repeated(String user) {
    }
}
