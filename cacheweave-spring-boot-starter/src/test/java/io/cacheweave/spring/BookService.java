package io.cacheweave.spring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A service written the way Spring applications write them, with nothing of Cacheweave in it. */
public class BookService {
    /** Loads (method bodies run) by method. */
    public final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

    private int load(String method) {
        return loads.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    /** @return how often the method's body ran */
    public int loads(String method) {
        AtomicInteger n = loads.get(method);
        return n == null ? 0 : n.get();
    }

    @Cacheable("books")
    public Book find(String isbn) {
        return new Book(isbn, "title " + isbn + " #" + load("find"));
    }

    @CachePut(cacheNames = "books", key = "#book.isbn")
    public Book save(Book book) {
        load("save");
        return book;
    }

    @CacheEvict("books")
    public void remove(String isbn) {
        load("remove");
    }

    @CacheEvict(cacheNames = "books", allEntries = true)
    public void removeAll() {
        load("removeAll");
    }

    @CacheEvict(cacheNames = "books", allEntries = true, beforeInvocation = true)
    public void removeAllThenFail() {
        load("removeAllThenFail");
        throw new IllegalStateException("failed after the eviction");
    }

    @Caching(evict = {@CacheEvict("books"), @CacheEvict(cacheNames = "shelves", allEntries = true)})
    public void withdraw(String isbn) {
        load("withdraw");
    }

    @Cacheable("shelves")
    public List<Book> shelf(String name) {
        load("shelf");
        return List.of(new Book(name + "-1", "one"), new Book(name + "-2", "two"));
    }

    @Cacheable(cacheNames = "slow", sync = true)
    public String slow(String key) throws InterruptedException {
        load("slow");
        Thread.sleep(200);
        return "slow " + key;
    }

    @Cacheable("futures")
    public CompletableFuture<Book> findAsync(String isbn) {
        load("findAsync");
        return CompletableFuture.supplyAsync(() -> new Book(isbn, "async"));
    }

    @Cacheable(cacheNames = "futures-sync", sync = true)
    public CompletableFuture<Book> findAsyncSync(String isbn) {
        load("findAsyncSync");
        return CompletableFuture.supplyAsync(() -> new Book(isbn, "async sync"));
    }

    @Cacheable("monos")
    public Mono<Book> findMono(String isbn) {
        load("findMono");
        return Mono.fromSupplier(() -> new Book(isbn, "mono"));
    }

    @Cacheable("fluxes")
    public Flux<Book> shelfFlux(String name) {
        load("shelfFlux");
        return Flux.just(new Book(name + "-1", "one"), new Book(name + "-2", "two"));
    }
}
