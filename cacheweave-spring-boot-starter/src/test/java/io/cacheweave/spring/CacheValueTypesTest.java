package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class CacheValueTypesTest {

    @SuppressWarnings("unused")
    static class Shapes<T> {
        Book plain() { return null; }
        int primitive() { return 0; }
        Optional<Book> optional() { return null; }
        CompletableFuture<List<Book>> future() { return null; }
        Mono<Book> mono() { return null; }
        Flux<Book> flux() { return null; }
        Map<String, ? extends Book> wildcard() { return null; }
        T variable() { return null; }
    }

    static class BookShapes extends Shapes<Book> {
    }

    private static Type type(String method) throws NoSuchMethodException {
        return new CacheValueTypes().valueType(Shapes.class.getDeclaredMethod(method), BookShapes.class);
    }

    private static Type of(Class<?> raw, Class<?>... args) {
        return ResolvableType.forClassWithGenerics(raw, args).getType();
    }

    @Test
    void valueType_whatSpringsCachingStores() throws Exception {
        assertThat(type("plain")).isEqualTo(Book.class);
        assertThat(type("primitive")).isEqualTo(Integer.class);
        assertThat(type("optional")).isEqualTo(Book.class);
        assertThat(type("future")).isEqualTo(of(List.class, Book.class));
        assertThat(type("mono")).isEqualTo(Book.class);
        assertThat(type("flux")).isEqualTo(of(List.class, Book.class));
        assertThat(type("wildcard")).isEqualTo(of(Map.class, String.class, Book.class));
        assertThat(type("variable")).isEqualTo(Book.class);
    }

    @Test
    void declare_firstTypeWins() {
        CacheValueTypes types = new CacheValueTypes();
        try (CapturedLog log = new CapturedLog(CacheValueTypes.class.getName())) {
            types.declare("books", Book.class, "A.find");
            types.declare("books", String.class, "B.title");
            assertThat(log.messages()).containsExactly("WARN cacheweave: cache \"books\" holds io.cacheweave.spring.Book "
                    + "(declared by A.find), but B.title returns java.lang.String; a cache holds one value type, so "
                    + "B.title runs uncached: give it a cache name of its own");
        }
        assertThat(types.declared("books")).isEqualTo(Book.class);
        assertThat(types.declared("other")).isNull();
    }
}
