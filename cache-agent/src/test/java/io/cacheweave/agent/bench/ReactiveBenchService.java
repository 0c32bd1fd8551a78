package io.cacheweave.agent.bench;

import io.cacheweave.annotations.Cached;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/** A {@code @Cached} method returning a {@code Mono}, for {@link ReactiveHitBenchmark}. */
public class ReactiveBenchService {
    private final AtomicLong runs = new AtomicLong();

    @Cached(operation = "bench-mono")
    public Mono<String> user(String id) {
        runs.incrementAndGet();
        return Mono.fromCallable(() -> "value-of-" + id);
    }

    public long runs() {
        return runs.get();
    }
}
