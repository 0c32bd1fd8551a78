package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring's caching annotations through the Cacheweave cache manager, in two application contexts (two nodes) that
 * share a real Redis: every annotation and return shape, typed values read back by the other node, coherent memory
 * tiers, per-cache TTL and statistics.
 */
class SpringCachingIT {
    private static RedisServer redis;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static String namespace;

    @BeforeAll
    static void start() {
        redis = RedisServers.local();
        namespace = "spring-" + System.nanoTime();
        String[] properties = {"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
            "cacheweave.namespace=" + namespace, "cacheweave.ttl.books=90s"};
        nodeA = BookApplication.start(properties);
        nodeB = BookApplication.start(properties);
    }

    @AfterAll
    static void stop() {
        nodeB.close();
        nodeA.close();
        redis.close();
    }

    /**
     * @return the Redis key of an entry of a cache now: once the cache was cleared ({@code @CacheEvict(allEntries =
     *     true)} in another test), its keys carry its generation (README, Shared tier: Redis, Keys)
     */
    private static String key(String cache, String key) {
        Object generation = redis.call("GET", namespace + ":gen:v1:op:" + cache);
        return namespace + ":v1:" + cache + (generation == null ? "" : "\\g" + generation) + ":" + key;
    }

    private static BookService books(ConfigurableApplicationContext node) {
        return node.getBean(BookService.class);
    }

    @Test
    void cacheable_secondCallIsAHit_statisticsPerCache() {
        BookService a = books(nodeA);
        CacheRuntime runtime = nodeA.getBean(CacheRuntime.class);
        long hits = runtime.stats("books").map(s -> s.hits()).orElse(0L);
        int loads = a.loads("find");
        Book first = a.find("c-1");
        assertThat(a.find("c-1")).isEqualTo(first);
        assertThat(a.loads("find")).isEqualTo(loads + 1);
        assertThat(runtime.stats("books")).hasValueSatisfying(s -> assertThat(s.hits()).isEqualTo(hits + 1));
    }

    @Test
    void otherNode_readsTypedValuesFromRedis() {
        Book written = books(nodeA).find("t-1");
        List<Book> shelf = books(nodeA).shelf("t-shelf");
        BookService b = books(nodeB);
        int before = b.loads("find");
        assertThat(b.find("t-1")).isEqualTo(written); // a Book again, decoded as the declared return type
        assertThat(b.shelf("t-shelf")).isEqualTo(shelf).allSatisfy(x -> assertThat(x).isInstanceOf(Book.class));
        assertThat(b.loads("find")).isEqualTo(before);
        assertThat(b.loads("shelf")).isZero();
    }

    @Test
    void cachePut_cacheEvict_allEntries_beforeInvocation_caching() {
        BookService a = books(nodeA);
        a.find("e-1");
        a.save(new Book("e-1", "new title"));
        assertThat(a.find("e-1").title()).isEqualTo("new title");
        a.remove("e-1");
        int loads = a.loads("find");
        a.find("e-1");
        assertThat(a.loads("find")).isEqualTo(loads + 1);

        a.find("e-2");
        a.removeAll();
        loads = a.loads("find");
        a.find("e-2");
        assertThat(a.loads("find")).isEqualTo(loads + 1);

        assertThatThrownBy(a::removeAllThenFail).isInstanceOf(IllegalStateException.class);
        loads = a.loads("find");
        a.find("e-2");
        assertThat(a.loads("find")).isEqualTo(loads + 1);

        a.shelf("e-shelf");
        a.find("e-3");
        a.withdraw("e-3");
        int shelfLoads = a.loads("shelf");
        loads = a.loads("find");
        a.shelf("e-shelf");
        a.find("e-3");
        assertThat(a.loads("shelf")).isEqualTo(shelfLoads + 1);
        assertThat(a.loads("find")).isEqualTo(loads + 1);
    }

    @Test
    void syncTrue_concurrentCallersLoadOnce() throws Exception {
        BookService a = books(nodeA);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> a.slow("s-1")));
            }
            for (Future<String> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo("slow s-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.loads("slow")).isEqualTo(1);
    }

    @Test
    void completableFutureMonoFlux_cachedAndTypedOnTheOtherNode() throws Exception {
        BookService a = books(nodeA);
        Book async = a.findAsync("f-1").get(5, TimeUnit.SECONDS);
        assertThat(a.findAsync("f-1").get(5, TimeUnit.SECONDS)).isEqualTo(async);
        assertThat(a.findAsyncSync("f-1").get(5, TimeUnit.SECONDS).title()).isEqualTo("async sync");
        assertThat(a.findAsyncSync("f-1").get(5, TimeUnit.SECONDS).title()).isEqualTo("async sync");
        Book mono = a.findMono("m-1").block(Duration.ofSeconds(5));
        assertThat(a.findMono("m-1").block(Duration.ofSeconds(5))).isEqualTo(mono);
        List<Book> flux = a.shelfFlux("x").collectList().block(Duration.ofSeconds(5));
        assertThat(a.shelfFlux("x").collectList().block(Duration.ofSeconds(5))).isEqualTo(flux);
        assertThat(a.loads("findAsync")).isEqualTo(1);
        assertThat(a.loads("findAsyncSync")).isEqualTo(1);
        assertThat(a.loads("findMono")).isEqualTo(1);
        assertThat(a.loads("shelfFlux")).isEqualTo(1);

        BookService b = books(nodeB);
        assertThat(b.findAsync("f-1").get(5, TimeUnit.SECONDS)).isEqualTo(async);
        assertThat(b.findMono("m-1").block(Duration.ofSeconds(5))).isEqualTo(mono);
        assertThat(b.shelfFlux("x").collectList().block(Duration.ofSeconds(5))).isEqualTo(flux);
        assertThat(b.loads("findAsync") + b.loads("findMono") + b.loads("shelfFlux")).isZero();
    }

    @Test
    void coherentMemoryTiers_putOnOneNodeReachesTheOther() throws Exception {
        books(nodeA).find("h-1");
        assertThat(books(nodeB).find("h-1").title()).startsWith("title h-1"); // now in B's memory tier
        books(nodeA).save(new Book("h-1", "changed on A"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!books(nodeB).find("h-1").title().equals("changed on A") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(books(nodeB).find("h-1").title()).isEqualTo("changed on A");
    }

    @Test
    void ttlPerCache_fromCacheweaveTtlOfTheCacheName() {
        books(nodeA).find("ttl-1");
        long pttl = Long.parseLong(String.valueOf(redis.call("PTTL", key("books", "ttl-1"))));
        assertThat(pttl).isBetween(1L, 90_000L);
        books(nodeA).shelf("ttl-shelf");
        long other = Long.parseLong(String.valueOf(redis.call("PTTL", key("shelves", "ttl-shelf"))));
        assertThat(other).isGreaterThan(90_000L); // cacheweave.ttl.default: 1h
    }

    @Test
    void plantedPayloadNamingAClass_isNeverInstantiated() {
        Map<String, Object> planted = new LinkedHashMap<>();
        planted.put("@class", PlantedGadget.class.getName());
        planted.put("isbn", "p-1");
        planted.put("title", "planted");
        byte[] payload = JsonValueCodec.builder().build().encode(planted, Map.class);
        redis.call("SET", key("books", "p-1"), payload);
        redis.call("SET", key("shelves", "p-shelf"), JsonValueCodec.builder().build().encode(
                List.of(PlantedGadget.class.getName(), Map.of("isbn", "p-2")), List.class));

        Book read;
        List<Book> shelf;
        try (CapturedLog log = new CapturedLog("io.cacheweave")) {
            read = books(nodeB).find("p-1");
            shelf = books(nodeB).shelf("p-shelf");
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).startsWith("WARN")
                    .contains("removing an entry of shelves that does not decode"));
        }
        assertThat(read).isInstanceOf(Book.class);
        assertThat(shelf).allSatisfy(x -> assertThat(x).isInstanceOf(Book.class));
        assertThat(System.getProperty(PlantedGadget.LOADED)).isNull();
    }
}
