package com.acme.bad;

import io.cacheweave.annotations.CacheKey;
import io.cacheweave.annotations.Cached;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

public class Unstable {
    public static class RequestContext {
        final String id = "";
    }

    @Cached(operation = "withCallback")
    String withCallback(String text,
            Runnable callback) {
        return text;
    }

    @Cached(operation = "withStream")
    String withStream(Stream<String> lines) {
        return "";
    }

    @Cached(operation = "withInput")
    String withInput(InputStream in) {
        return "";
    }

    @Cached(operation = "withContext")
    String withContext(RequestContext context) {
        return "";
    }

    @Cached(operation = "withFunctions")
    String withFunctions(List<Function<String, String>> steps) {
        return "";
    }

    @Cached(operation = "inTemplate", key = "{fn}")
    String inTemplate(Function<String, String> fn) {
        return "";
    }

    @Cached(operation = "fine")
    String fine(@CacheKey String text, Runnable callback, Object anything) {
        return text;
    }

    String notCached(@CacheKey String text) {
        return text;
    }
}
