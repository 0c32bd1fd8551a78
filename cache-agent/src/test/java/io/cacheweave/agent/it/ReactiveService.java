package io.cacheweave.agent.it;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Cached methods returning {@code Mono} and {@code Flux}. Each counts its calls (the method returning its publisher)
 * and its subscriptions (the work done); {@link #pending} lets a test complete a load when it chooses.
 */
public class ReactiveService {
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger subscriptions = new AtomicInteger();
    public final AtomicInteger cancels = new AtomicInteger();
    /** The value the pending Mono emits, set by the test. */
    public volatile Sinks.One<String> pending = Sinks.one();

    @Cached(operation = "rx-user")
    public Mono<String> user(String id) {
        calls.incrementAndGet();
        return Mono.fromCallable(() -> {
            subscriptions.incrementAndGet();
            return "user:" + id;
        });
    }

    @Cached(operation = "rx-pending")
    public Mono<String> pendingUser(String id) {
        calls.incrementAndGet();
        return pending.asMono().doOnSubscribe(s -> subscriptions.incrementAndGet()).doOnCancel(cancels::incrementAndGet);
    }

    @Cached(operation = "rx-empty")
    public Mono<String> nobody(String id) {
        calls.incrementAndGet();
        return Mono.<String>empty().doOnSubscribe(s -> subscriptions.incrementAndGet());
    }

    @Cached(operation = "rx-empty-cached", cacheNull = true)
    public Mono<String> nobodyCached(String id) {
        calls.incrementAndGet();
        return Mono.<String>empty().doOnSubscribe(s -> subscriptions.incrementAndGet());
    }

    @Cached(operation = "rx-failing")
    public Mono<String> failing(String id) {
        calls.incrementAndGet();
        return Mono.<String>error(new IllegalStateException("backend down: " + id))
                .doOnSubscribe(s -> subscriptions.incrementAndGet());
    }

    @Cached(operation = "rx-summary")
    public Mono<Summary> summary(String text) {
        calls.incrementAndGet();
        return Mono.fromCallable(() -> {
            subscriptions.incrementAndGet();
            return new Summary("summary:" + text, text.length());
        });
    }

    @Cached(operation = "rx-members")
    public Flux<Summary> members(String team, int count) {
        calls.incrementAndGet();
        return Flux.range(1, count).map(i -> new Summary(team + i, i)).doOnSubscribe(s -> subscriptions.incrementAndGet());
    }

    @Cached(operation = "rx-members-failing")
    public Flux<String> membersFailing(String team) {
        calls.incrementAndGet();
        return Flux.just(team + "1", team + "2").concatWith(Flux.error(new IllegalStateException("cut off")))
                .doOnSubscribe(s -> subscriptions.incrementAndGet());
    }

    @Invalidate(operation = "rx-user", key = "{id}")
    public Mono<Void> rename(String id) {
        calls.incrementAndGet();
        return Mono.<Void>empty().doOnSubscribe(s -> subscriptions.incrementAndGet());
    }

    @Invalidate(operation = "rx-user", key = "{id}", beforeInvocation = true)
    public Mono<Void> renameFirst(String id) {
        calls.incrementAndGet();
        return Mono.error(new IllegalStateException("rename failed"));
    }

    @Invalidate(operation = "rx-members")
    public Flux<String> reorganise(List<String> teams) {
        calls.incrementAndGet();
        return Flux.fromIterable(teams);
    }
}
