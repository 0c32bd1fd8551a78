package com.acme.reactive;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public class ReactiveService {
    @Cached(operation = "user")
    public Mono<String> user(String id) {
        return Mono.just(id);
    }

    @Cached(operation = "members")
    public Flux<String> members(String team) {
        return Flux.just(team);
    }

    @Cached(operation = "names")
    public Collection<String> names(String team) {
        return List.of(team);
    }

    @Cached(operation = "tags")
    public Set<String> tags(String team) {
        return Set.of(team);
    }

    @Cached(operation = "later")
    public CompletableFuture<List<String>> later(String team) {
        return CompletableFuture.completedFuture(List.of(team));
    }

    @Invalidate(operation = "user")
    public Mono<Void> rename(String id) {
        return Mono.empty();
    }
}
