package com.acme.bad;

import io.cacheweave.annotations.Cached;
import java.io.InputStream;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

public class OneShotResults {
    public record User(String id) {
    }

    /** Walkable once: an Iterable that is not a Collection. */
    public interface Pages extends Iterable<User> {
    }

    @Cached(operation = "stream")
    public Stream<User> stream(String team) {
        return Stream.of(new User(team));
    }

    @Cached(operation = "ints")
    public IntStream ints(String team) {
        return IntStream.of(1);
    }

    @Cached(operation = "iterator")
    public Iterator<String> iterator(String team) {
        return List.of(team).iterator();
    }

    @Cached(operation = "pages")
    public Pages pages(String team) {
        return null;
    }

    @Cached(operation = "input")
    public InputStream input(String name) {
        return InputStream.nullInputStream();
    }

    @Cached(operation = "reader")
    public Reader reader(String name) {
        return Reader.nullReader();
    }

    @Cached(operation = "publisher")
    public Publisher<User> publisher(String team) {
        return null;
    }

    @Cached(operation = "flowPublisher")
    public Flow.Publisher<User> flowPublisher(String team) {
        return null;
    }

    @Cached(operation = "optionalStream")
    public Optional<Stream<User>> optionalStream(String team) {
        return Optional.empty();
    }

    @Cached(operation = "futureIterator")
    public CompletableFuture<Iterator<User>> futureIterator(String team) {
        return null;
    }

    @Cached(operation = "monoStream")
    public Mono<Stream<User>> monoStream(String team) {
        return Mono.empty();
    }
}
