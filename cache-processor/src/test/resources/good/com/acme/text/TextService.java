package com.acme.text;

import io.cacheweave.annotations.CacheKey;
import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Many shapes of cached and invalidating methods. */
public class TextService {
    public record Options(String lang, int max) {
    }

    public record Summary(String text, List<String> tags) {
    }

    public record Request(String text, Options options) {
    }

    public enum Tone { CALM, LOUD }

    /** A bean without equals: keys of it are rendered text. */
    public static class Profile {
        private final String name;
        private final boolean active;

        public Profile(String name, boolean active) {
            this.name = name;
            this.active = active;
        }

        public String getName() {
            return name;
        }

        public boolean isActive() {
            return active;
        }
    }

    /** Refers to itself: rendering must end. */
    public record Node(String label, Node next) {
    }

    @Cached(operation = "summarize", ttl = 7200)
    public Summary summarize(String text, Options options) {
        return new Summary(text, List.of(options.lang()));
    }

    @Cached(operation = "count")
    public static long count(int a, long b, char c, boolean d, double e, float f) {
        return a + b;
    }

    @Cached(operation = "first")
    public final String first(String text) {
        return text;
    }

    @Cached(operation = "constant")
    public int constant() {
        return 42;
    }

    @Cached(operation = "byModel", key = "{request.options.lang}:{request.text}")
    List<Summary> byModel(Request request, Object ignored) {
        return List.of();
    }

    @Cached(operation = "tagged")
    private Set<String> tagged(@CacheKey String user, Runnable callback, @CacheKey Tone tone) {
        return Set.of(user);
    }

    @Cached(operation = "hashes")
    public String hashes(int[] numbers, String[] words) {
        return "";
    }

    @Cached(operation = "profile")
    public String profile(Profile profile) {
        return profile.getName();
    }

    @Cached(operation = "walk")
    String walk(Node node) {
        return node.label();
    }

    @Cached(operation = "lookup")
    String lookup(Map<String, Options> byName, List<Options> all, Long boxed) {
        return "";
    }

    @Cached(operation = "five", key = "{a}-{b}/{e.max}")
    String five(String a, int b, String c, long d, Options e) {
        return a;
    }

    @Cached(operation = "maxOf", key = "max={options.max}")
    int maxOf(Options options) {
        return options.max();
    }

    @Invalidate(pattern = "summarize:*")
    public void onModelUpdate() {
    }

    @Invalidate(pattern = "byModel:{lang}:*")
    @Invalidate(operation = "count")
    public void forget(String lang) {
    }

    @Invalidate(pattern = "summarize:{request.text}:*")
    void forgetText(Request request) {
    }

    static class Inner {
        @Cached(operation = "inner")
        String inner(String x) {
            return x;
        }
    }

    private static class Hidden {
        @Cached(operation = "hidden")
        private String hidden(long id) {
            return "";
        }
    }
}
