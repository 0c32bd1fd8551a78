package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Results that can be consumed once are compile errors on the {@code @Cached}, with the type to return instead. */
class OneShotResultTest {
    private static final String BAD = "bad/com/acme/bad/OneShotResults.java";
    private static final String GOOD = "good/com/acme/reactive/ReactiveService.java";
    private static final String CONTINUATION = "good/kotlin/coroutines/Continuation.java";
    private static final String UNIT = "good/kotlin/Unit.java";
    private static Compilation bad;

    @BeforeAll
    static void compile() {
        bad = Compilations.compile(BAD);
        assertThat(bad).failed();
    }

    @Test
    void stream_isAnError() {
        Diagnose.error(bad, BAD, "operation = \"stream\"", "[CachedOneShotResult] @Cached(operation = \"stream\") on "
                + "OneShotResults.stream(String team): the method returns Stream<OneShotResults.User>, a stream, which can be "
                + "consumed once", "return a List<OneShotResults.User> (collect it: stream.toList())");
    }

    @Test
    void primitiveStream_isAnError() {
        Diagnose.error(bad, BAD, "operation = \"ints\"", "[CachedOneShotResult]", "returns IntStream, a stream",
                "return a List<T>");
    }

    @Test
    void iterator_isAnError() {
        Diagnose.error(bad, BAD, "operation = \"iterator\"", "returns Iterator<String>, an iterator, which can be "
                + "walked once", "return a List<String>");
    }

    @Test
    void iterableThatIsNotACollection_isAnError() {
        Diagnose.error(bad, BAD, "operation = \"pages\"", "returns OneShotResults.Pages, an Iterable that is not a "
                + "Collection", "return a List<T> or another Collection");
    }

    @Test
    void inputStream_isAnError() {
        Diagnose.error(bad, BAD, "operation = \"input\"", "returns InputStream, an input stream, which can be read "
                + "once", "return the bytes (byte[])");
    }

    @Test
    void reader_isAnError() {
        Diagnose.error(bad, BAD, "operation = \"reader\"", "returns Reader, a reader", "return the String");
    }

    @Test
    void unsupportedPublisher_isAnError() {
        Diagnose.error(bad, BAD, "operation = \"publisher\"", "returns Publisher<OneShotResults.User>, a publisher "
                + "that Cacheweave does not subscribe to", "return a Mono<OneShotResults.User> or "
                + "Flux<OneShotResults.User> (Reactor), a CompletableFuture<OneShotResults.User>, or a "
                + "List<OneShotResults.User>");
        Diagnose.error(bad, BAD, "operation = \"flowPublisher\"", "returns Flow.Publisher<OneShotResults.User>, a "
                + "publisher that Cacheweave does not subscribe to");
    }

    @Test
    void oneShotInsideACarrier_isAnError() {
        Diagnose.error(bad, BAD, "operation = \"optionalStream\"", "returns Stream<OneShotResults.User>, a stream");
        Diagnose.error(bad, BAD, "operation = \"futureIterator\"", "returns Iterator<OneShotResults.User>");
        Diagnose.error(bad, BAD, "operation = \"monoStream\"", "returns Stream<OneShotResults.User>, a stream",
                "return a List<OneShotResults.User>");
    }

    @Test
    void oneShot_eachMethodOnce() {
        assertThat(bad).hadErrorCount(11);
    }

    @Test
    void suspendFunction_compiles_withoutItsContinuationInTheKey() {
        String stub = "good/com/acme/coroutines/SuspendStubs.java";
        Compilation suspend = Compilations.compile(stub, CONTINUATION, UNIT);
        assertThat(suspend).succeededWithoutWarnings();
        String keys = Compilations.generatedSource(suspend, "com.acme.coroutines.SuspendStubs_CacheweaveKeys");
        org.junit.jupiter.api.Assertions.assertFalse(keys.contains("$completion"), keys);
        // user(String, Continuation): the key function takes the id alone
        org.junit.jupiter.api.Assertions.assertTrue(keys.contains("public Object key(Object a0) {"), keys);
        org.junit.jupiter.api.Assertions.assertTrue(Compilations.index(suspend).contains("user (Ljava/lang/String;"
                + "Lkotlin/coroutines/Continuation;)Ljava/lang/Object;"), Compilations.index(suspend));
    }

    @Test
    void suspendFunction_withoutAValue_withRefreshAhead_orOneShot_isAnError() {
        String stub = "bad/com/acme/bad/SuspendStubs.java";
        Compilation suspend = Compilations.compile(stub, CONTINUATION, UNIT);
        assertThat(suspend).hadErrorCount(3);
        Diagnose.error(suspend, stub, "operation = \"touch\"", "[CachedSuspendUnit] @Cached(operation = \"touch\") "
                + "on SuspendStubs.touch(", "the suspend function returns Unit, so there is no result to cache");
        Diagnose.error(suspend, stub, "ttl = 600, refreshAfter = 60", "[CachedSuspendRefresh] @Cached(refreshAfter = 60) on "
                + "SuspendStubs.user(", "a suspend function can only run inside a coroutine; leave refreshAfter out");
        Diagnose.error(suspend, stub, "operation = \"streamed\"", "[CachedOneShotResult]",
                "returns Stream<String>, a stream");
    }

    @Test
    void monoFluxCollectionsAndFutures_compile() {
        Compilation good = Compilations.compile(GOOD);
        assertThat(good).succeededWithoutWarnings();
    }
}
