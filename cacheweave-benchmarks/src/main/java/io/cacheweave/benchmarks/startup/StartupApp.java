package io.cacheweave.benchmarks.startup;

import io.cacheweave.annotations.Cached;
import io.cacheweave.benchmarks.Workload;
import io.cacheweave.benchmarks.memory.JetCacheMemoryService;
import io.cacheweave.benchmarks.memory.SpringMemoryService;
import io.cacheweave.benchmarks.redis.RedissonService;
import io.cacheweave.benchmarks.redis.SpringRedisService;
import java.net.URI;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The trivial application {@link StartupBenchmark} starts: it calls a cached method twice with a key no earlier run
 * used, prints {@code body runs: N} and exits. {@code args[0]} names the peer: {@code cacheweave} (run with or
 * without {@code -javaagent}), {@code cacheweave-redis} (with the agent and {@code REDIS_URL}: calls until one
 * reached Redis, see {@link #untilRedis}), {@code spring-caffeine}, {@code spring-redis},
 * {@code jetcache} or {@code redisson}; {@code args[1]}, where the peer needs one, is the Redis URL.
 */
public final class StartupApp {
    private StartupApp() {
    }

    /** Cacheweave's side: one {@code @Cached} method. */
    public static class Greeter {
        private final Workload work;

        Greeter(Workload work) {
            this.work = work;
        }

        @Cached(operation = "startup-greeting", ttl = 60)
        public String greet(String name) {
            work.ran();
            return "hello " + name;
        }
    }

    public static void main(String[] args) {
        Workload work = new Workload();
        String key = "key-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        switch (args[0]) {
            case "cacheweave" -> {
                Greeter greeter = new Greeter(work);
                greeter.greet(key);
                greeter.greet(key);
            }
            case "cacheweave-redis" -> untilRedis(new Greeter(work), key);
            case "spring-caffeine" -> {
                try (AnnotationConfigApplicationContext context = SpringMemoryService.context(work)) {
                    SpringMemoryService service = context.getBean(SpringMemoryService.class);
                    service.one(key);
                    service.one(key);
                }
            }
            case "spring-redis" -> {
                URI redis = URI.create(args[1]);
                try (AnnotationConfigApplicationContext context = SpringRedisService.context(work, redis.getHost(),
                        redis.getPort())) {
                    SpringRedisService service = context.getBean(SpringRedisService.class);
                    service.profile(key);
                    awaitReadable(context.getBean(CacheManager.class).getCache("peer-profile"), key);
                    service.profile(key);
                }
            }
            case "jetcache" -> {
                JetCacheMemoryService service = new JetCacheMemoryService(work);
                service.one(key);
                service.one(key);
            }
            case "redisson" -> {
                Config config = new Config();
                config.useSingleServer().setAddress(args[1]);
                RedissonClient client = Redisson.create(config);
                try {
                    RedissonService service = new RedissonService(work, client);
                    service.profile(key);
                    service.profile(key);
                } finally {
                    client.shutdown();
                }
            }
            default -> throw new IllegalArgumentException("unknown peer " + args[0]);
        }
        System.out.println("body runs: " + work.runs());
    }

    /**
     * With {@code REDIS_URL}: calls made before the runtime has connected to Redis are memory-only (they neither wait
     * nor reach Redis), so this calls with a new key every millisecond until a call reached Redis (a shared-tier
     * read counted in the operation's statistics), then calls that key again (a memory hit). Prints how many
     * memory-only calls came first, the key that reached Redis (the benchmark checks Redis holds it) and when.
     */
    private static void untilRedis(Greeter greeter, String key) {
        long start = System.nanoTime();
        long deadline = start + 30_000_000_000L;
        int calls = 0;
        String reached;
        do {
            reached = key + "-" + calls++;
            greeter.greet(reached);
            if (reachedRedis()) {
                break;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        greeter.greet(reached);
        System.out.printf("redis: reached by call %d (%d memory-only before it), %d ms after the first call; key %s%n",
                calls, calls - 1, (System.nanoTime() - start) / 1_000_000, reached);
    }

    private static boolean reachedRedis() {
        return io.cacheweave.runtime.Cacheweave.stats("startup-greeting")
                .map(s -> s.sharedHits() + s.sharedMisses() > 0 && s.sharedWrites() > 0).orElse(false);
    }

    /**
     * Waits (at most 2 s) until Spring's Redis cache returns what the first call stored: right after it, the entry
     * was seen not to be readable yet in some runs, and the second call must be a hit.
     */
    private static void awaitReadable(Cache cache, String key) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (cache.get(key) == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
