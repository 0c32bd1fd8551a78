package io.cacheweave.agent.it;

import io.cacheweave.annotations.CacheKey;
import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every method shape the agent must weave. Each method counts how often its body ran, so a test can tell a hit
 * (body skipped) from a miss.
 */
public class WovenService {
    public final AtomicInteger summarizeRuns = new AtomicInteger();
    public final AtomicInteger privateRuns = new AtomicInteger();
    public static final AtomicInteger STATIC_RUNS = new AtomicInteger();
    public final AtomicInteger finalRuns = new AtomicInteger();
    public final AtomicInteger listRuns = new AtomicInteger();
    public final AtomicInteger failingRuns = new AtomicInteger();
    public final AtomicInteger nullRuns = new AtomicInteger();
    public final AtomicInteger primitiveRuns = new AtomicInteger();
    public final AtomicInteger wideRuns = new AtomicInteger();
    public final AtomicInteger profileRuns = new AtomicInteger();
    public final AtomicInteger modelRuns = new AtomicInteger();
    public final AtomicInteger configuredRuns = new AtomicInteger();
    public final AtomicInteger noArgRuns = new AtomicInteger();

    @Cached(operation = "it-summarize", ttl = 7200)
    public Summary summarize(String text, Options options) {
        summarizeRuns.incrementAndGet();
        return new Summary(text.toUpperCase() + "/" + options.language(), text.split(" ").length);
    }

    /** Calls the private cached method: self-invocation is woven too (no proxy involved). */
    public String callPrivate(String text) {
        return secret(text);
    }

    @Cached(operation = "it-private")
    private String secret(String text) {
        privateRuns.incrementAndGet();
        return "secret:" + text;
    }

    @Cached(operation = "it-static", ttl = 60)
    public static String staticLookup(String id) {
        STATIC_RUNS.incrementAndGet();
        return "static:" + id;
    }

    @Cached(operation = "it-final")
    public final String finalLookup(String id) {
        finalRuns.incrementAndGet();
        return "final:" + id;
    }

    @Cached(operation = "it-list")
    public List<Summary> summarizeAll(List<String> texts) {
        listRuns.incrementAndGet();
        return texts.stream().map(t -> new Summary(t, 1)).toList();
    }

    @Cached(operation = "it-failing")
    public String failing(String id) throws java.io.IOException {
        int run = failingRuns.incrementAndGet();
        if (id.startsWith("fail")) {
            throw new java.io.IOException("failure " + run + " for " + id);
        }
        return "ok:" + id;
    }

    @Cached(operation = "it-null")
    public String nothing(String id) {
        nullRuns.incrementAndGet();
        return null;
    }

    @Cached(operation = "it-primitive")
    public long square(int x) {
        primitiveRuns.incrementAndGet();
        return (long) x * x;
    }

    @Cached(operation = "it-wide")
    public String wide(String a, int b, long c, boolean d, char e, double f) {
        wideRuns.incrementAndGet();
        return a + b + c + d + e + f;
    }

    @Cached(operation = "it-profile")
    public String profile(@CacheKey long userId, String requestId) {
        profileRuns.incrementAndGet();
        return "profile:" + userId + ":" + requestId;
    }

    @Cached(operation = "it-model", key = "{options.language}")
    public String model(String prompt, Options options) {
        modelRuns.incrementAndGet();
        return "model:" + prompt + ":" + options.language();
    }

    @Cached(operation = "it-configured", ttl = 3600)
    public String configured(String id) {
        configuredRuns.incrementAndGet();
        return "configured:" + id;
    }

    @Cached(operation = "it-noarg")
    public String noArg() {
        noArgRuns.incrementAndGet();
        return "constant";
    }

    @Invalidate(pattern = "it-summarize:*")
    public void onModelUpdate() {
    }

    @Invalidate(operation = "it-static")
    @Invalidate(pattern = "it-final:{id}")
    public void forget(String id) {
    }

    @Invalidate(pattern = "it-summarize:*")
    public void failingUpdate() {
        throw new IllegalStateException("update failed");
    }
}
