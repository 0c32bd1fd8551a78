package io.cacheweave.agent.it;

import io.cacheweave.annotations.Cached;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Cached methods returning futures, optionals and nulls; each counts how often its body ran. */
public class ReturnShapesService {
    public final AtomicInteger futureRuns = new AtomicInteger();
    public final AtomicInteger stageRuns = new AtomicInteger();
    public final AtomicInteger optionalRuns = new AtomicInteger();
    public final AtomicInteger optionalNullRuns = new AtomicInteger();
    public final AtomicInteger nullRuns = new AtomicInteger();
    public final AtomicInteger arrayRuns = new AtomicInteger();
    /** The futures the future-returning method hands out, completed by the test. */
    public volatile CompletableFuture<String> pending;

    @Cached(operation = "it-future")
    public CompletableFuture<String> future(String id) {
        futureRuns.incrementAndGet();
        pending = new CompletableFuture<>();
        return pending;
    }

    @Cached(operation = "it-stage")
    public CompletionStage<Summary> stage(String id) {
        stageRuns.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> new Summary("stage:" + id, id.length()));
    }

    @Cached(operation = "it-optional")
    public Optional<String> optional(String id) {
        optionalRuns.incrementAndGet();
        return id.startsWith("none") ? Optional.empty() : Optional.of("opt:" + id);
    }

    @Cached(operation = "it-optional-null", cacheNull = true)
    public Optional<String> optionalCachingEmpty(String id) {
        optionalNullRuns.incrementAndGet();
        return Optional.empty();
    }

    @Cached(operation = "it-array")
    public int[] digits(String number) {
        arrayRuns.incrementAndGet();
        return number.chars().map(c -> c - '0').toArray();
    }

    @Cached(operation = "it-cache-null", cacheNull = true)
    public String knownAbsent(String id) {
        nullRuns.incrementAndGet();
        return null;
    }
}
