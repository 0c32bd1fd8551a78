package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * The contract of {@link org.springframework.cache.Cache} as Spring documents it, one suite for every
 * implementation: Spring's {@code ConcurrentMapCache} (the reference) and the Cacheweave cache on memory, memory +
 * Redis and memory + files. Each test runs with and without {@code allowNullValues}.
 */
abstract class SpringCacheContract {

    /** @return a new, empty cache of a name of its own */
    abstract Cache cache(boolean allowNullValues);

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void get_absent(boolean allowNull) {
        Cache cache = cache(allowNull);
        assertThat(cache.get("absent")).isNull();
        assertThat(cache.get("absent", String.class)).isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void put_thenGet(boolean allowNull) {
        Cache cache = cache(allowNull);
        cache.put("k", "v");
        assertThat(cache.get("k")).isNotNull();
        assertThat(cache.get("k").get()).isEqualTo("v");
        assertThat(cache.get("k", String.class)).isEqualTo("v");
        assertThat(cache.get("k", (Class<Object>) null)).isEqualTo("v");
        assertThatThrownBy(() -> cache.get("k", Integer.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void put_replaces(boolean allowNull) {
        Cache cache = cache(allowNull);
        cache.put("k", "v1");
        cache.put("k", "v2");
        assertThat(cache.get("k", String.class)).isEqualTo("v2");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void put_null(boolean allowNull) {
        Cache cache = cache(allowNull);
        if (allowNull) {
            cache.put("k", null);
            assertThat(cache.get("k")).isNotNull();
            assertThat(cache.get("k").get()).isNull();
            assertThat(cache.get("k", String.class)).isNull();
        } else {
            assertThatThrownBy(() -> cache.put("k", null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("null");
            assertThat(cache.get("k")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void getWithValueLoader_absent_loadsOnceAndStores(boolean allowNull) {
        Cache cache = cache(allowNull);
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.get("k", () -> "loaded-" + calls.incrementAndGet())).isEqualTo("loaded-1");
        assertThat(cache.get("k", () -> "loaded-" + calls.incrementAndGet())).isEqualTo("loaded-1");
        assertThat(calls).hasValue(1);
        assertThat(cache.get("k", String.class)).isEqualTo("loaded-1");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void getWithValueLoader_present_loaderNotCalled(boolean allowNull) {
        Cache cache = cache(allowNull);
        cache.put("k", "stored");
        Object found = cache.get("k", () -> {
            throw new AssertionError("loader called for a present key");
        });
        assertThat(found).isEqualTo("stored");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void getWithValueLoader_throws_wrappedAndNothingStored(boolean allowNull) {
        Cache cache = cache(allowNull);
        IllegalStateException failure = new IllegalStateException("model down");
        assertThatThrownBy(() -> cache.get("k", () -> {
            throw failure;
        })).isInstanceOf(Cache.ValueRetrievalException.class).hasCause(failure);
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void getWithValueLoader_null(boolean allowNull) {
        Cache cache = cache(allowNull);
        if (allowNull) {
            Object loaded = cache.get("k", () -> null);
            assertThat(loaded).isNull();
            assertThat(cache.get("k")).isNotNull();
            assertThat(cache.get("k").get()).isNull();
        } else {
            assertThatThrownBy(() -> cache.get("k", () -> null)).isInstanceOf(Cache.ValueRetrievalException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(cache.get("k")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void getWithValueLoader_concurrentCallers_loadOnce(boolean allowNull) throws Exception {
        Cache cache = cache(allowNull);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    started.await();
                    return cache.get("k", () -> {
                        calls.incrementAndGet();
                        Thread.sleep(100);
                        return "once";
                    });
                }));
            }
            started.countDown();
            for (Future<Object> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo("once");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void putIfAbsent_absentThenPresent(boolean allowNull) {
        Cache cache = cache(allowNull);
        assertThat(cache.putIfAbsent("k", "first")).isNull();
        Cache.ValueWrapper existing = cache.putIfAbsent("k", "second");
        assertThat(existing).isNotNull();
        assertThat(existing.get()).isEqualTo("first");
        assertThat(cache.get("k", String.class)).isEqualTo("first");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void evictIfPresent(boolean allowNull) {
        Cache cache = cache(allowNull);
        cache.put("k", "v");
        assertThat(cache.evictIfPresent("k")).isTrue();
        assertThat(cache.get("k")).isNull();
        assertThat(cache.evictIfPresent("k")).isFalse();
        cache.put("k", "v");
        cache.evict("k");
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void invalidate_and_clear(boolean allowNull) {
        Cache cache = cache(allowNull);
        assertThat(cache.invalidate()).isFalse();
        cache.put("a", "1");
        cache.put("b", "2");
        assertThat(cache.invalidate()).isTrue();
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isNull();
        cache.put("a", "1");
        cache.clear();
        assertThat(cache.get("a")).isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void keys_ofSeveralParts_doNotCollide(boolean allowNull) {
        Cache cache = cache(allowNull);
        cache.put(new SimpleKey("a,b", "c"), "first");
        cache.put(new SimpleKey("a", "b,c"), "second");
        cache.put(SimpleKey.EMPTY, "none");
        assertThat(cache.get(new SimpleKey("a,b", "c"), String.class)).isEqualTo("first");
        assertThat(cache.get(new SimpleKey("a", "b,c"), String.class)).isEqualTo("second");
        assertThat(cache.get(SimpleKey.EMPTY, String.class)).isEqualTo("none");
        assertThat(cache.get(42L)).isNull();
        cache.put(42L, "number");
        assertThat(cache.get(42L, String.class)).isEqualTo("number");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void retrieve(boolean allowNull) throws Exception {
        Cache cache = cache(allowNull);
        CompletableFuture<?> absent = cache.retrieve("k");
        assertThat(absent == null ? null : absent.get(5, TimeUnit.SECONDS)).isNull(); // null: known absent at once
        cache.put("k", "v");
        Object found = cache.retrieve("k").get(5, TimeUnit.SECONDS);
        Object value = found instanceof Cache.ValueWrapper w ? w.get() : found;
        assertThat(value).isEqualTo("v");
        if (allowNull) {
            assertThat(found).isInstanceOf(Cache.ValueWrapper.class);
            cache.put("n", null);
            assertThat(cache.retrieve("n").get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(Cache.ValueWrapper.class,
                    w -> assertThat(w.get()).isNull());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void retrieveWithLoader(boolean allowNull) throws Exception {
        Cache cache = cache(allowNull);
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet()))
                .get(5, TimeUnit.SECONDS)).isEqualTo("v1");
        assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet()))
                .get(5, TimeUnit.SECONDS)).isEqualTo("v1");
        assertThat(calls).hasValue(1);
        assertThat(cache.get("k", String.class)).isEqualTo("v1");

        IllegalStateException failure = new IllegalStateException("model down");
        CompletableFuture<String> failed = cache.retrieve("f", () -> CompletableFuture.failedFuture(failure));
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("model down");
        assertThat(cache.get("f")).isNull();

        CompletableFuture<Object> nothing = cache.retrieve("n", () -> CompletableFuture.completedFuture(null));
        if (allowNull) {
            assertThat(nothing.get(5, TimeUnit.SECONDS)).isNull();
            assertThat(cache.get("n")).isNotNull();
        } else {
            assertThatThrownBy(() -> nothing.get(5, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IllegalArgumentException.class);
            assertThat(cache.get("n")).isNull();
        }
    }
}
