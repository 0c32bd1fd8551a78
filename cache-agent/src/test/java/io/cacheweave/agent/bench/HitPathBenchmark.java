package io.cacheweave.agent.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.cacheweave.runtime.CacheClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache hit through a woven method next to raw Caffeine lookups, in one run. Run it with
 * {@link BenchmarkMain} (see the README), which starts each fork with {@code -javaagent:cache-agent.jar}.
 *
 * <ul>
 *   <li>{@code rawCaffeine}: {@code getIfPresent} on a cache bounded by size only, the cheapest Caffeine hit;</li>
 *   <li>{@code rawCaffeineExpiring}: size bound, {@code expireAfterWrite} and the coarse ticker (the memory tier's
 *       configuration until methods' tiers dropped Caffeine's expiry for a deadline checked on the hit; see
 *       {@link MemoryTierBenchmark});</li>
 *   <li>{@code rawCaffeineBehindACall}: the same lookup in a method the JIT may not inline, which is what a caller
 *       of a woven method gets when the woven method is compiled larger than {@code -XX:InlineSmallCode}: the
 *       least a woven hit can cost then;</li>
 *   <li>{@code rawCaffeineAsMethodTier}: Caffeine configured as a woven method's memory tier (weight bound,
 *       eviction listener, maintenance on the calling thread) with the entry's own deadline checked;</li>
 *   <li>{@code handWrittenCacheAside}: a method that looks up the same Caffeine configuration and loads on a miss,
 *       written by hand: the woven method's equivalent without Cacheweave;</li>
 *   <li>{@code wovenOneArgument}: {@code @Cached} method with one {@code String} parameter, hit;</li>
 *   <li>{@code buildWovenOneArgument}: the same method woven at build time (loaded from
 *       {@code target/build-woven-test-classes}, which the agent leaves alone), called through an interface;</li>
 *   <li>{@code wovenTwoArguments}: {@code @Cached} method with a {@code String} and an {@code int}, hit;</li>
 *   <li>{@code wovenTwoStrings}: {@code @Cached} method with two {@code String} parameters, hit.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class HitPathBenchmark {
    private final String key = "user-42";
    private final String variant = "summary";
    private Cache<String, Object> raw;
    private Cache<String, Object> rawExpiring;
    private Cache<String, Deadlined> rawAsMethodTier;
    private CacheClock clock;
    private BenchService service;
    private OneArgumentLookup buildWoven;
    private long runsAfterSetup;

    /**
     * {@code none}: the benchmark's caches are the only Caffeine caches the JVM has used; {@code many}: before
     * anything is measured, caches of seven other configurations serve lookups of several key types, as in an
     * application with other caches (Spring's, Hibernate's, its own), so the JIT's profiles of Caffeine's and
     * {@code ConcurrentHashMap}'s shared code are no longer of one cache and one key type.
     */
    @Param({"none", "many"})
    public String otherCaches;

    @Setup(Level.Trial)
    public void setUp() {
        if (otherCaches.equals("many")) {
            OtherCaches.exercise();
        }
        raw = Caffeine.newBuilder().maximumSize(10_000).build();
        raw.put(key, "value-of-" + key);
        clock = CacheClock.coarse();
        rawExpiring = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1))
                .ticker(clock::nanos).build();
        rawExpiring.put(key, "value-of-" + key);
        rawAsMethodTier = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(64L << 20)
                .weigher((String k, Deadlined v) -> 64)
                .evictionListener((String k, Deadlined v, RemovalCause cause) -> {
                })
                .build();
        rawAsMethodTier.put(key, new Deadlined("value-of-" + key, clock.nanos() + Duration.ofHours(1).toNanos()));
        service = new BenchService();
        service.one(key);
        service.two(key, 7);
        service.twoStrings(key, variant);
        service.handWritten(key);
        runsAfterSetup = service.runs();
        buildWoven = BuildWovenClasses.newInstance(BuildWovenBenchService.class, OneArgumentLookup.class);
        buildWoven.one(key);
    }

    @TearDown(Level.Trial)
    public void checkEveryCallWasAHit() {
        if (service.runs() != runsAfterSetup || buildWoven.runs() != 1) {
            throw new IllegalStateException("a benchmarked call missed: is the agent attached? runs went from "
                    + runsAfterSetup + " to " + service.runs());
        }
    }

    @Benchmark
    public Object rawCaffeine() {
        return raw.getIfPresent(key);
    }

    @Benchmark
    public Object rawCaffeineExpiring() {
        return rawExpiring.getIfPresent(key);
    }

    @Benchmark
    public Object rawCaffeineBehindACall() {
        return lookUp(raw, key);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static Object lookUp(Cache<String, Object> cache, String key) {
        return cache.getIfPresent(key);
    }

    @Benchmark
    public Object rawCaffeineAsMethodTier() {
        Deadlined e = rawAsMethodTier.getIfPresent(key);
        return e == null || clock.nanos() - e.deadline() >= 0 ? null : e.value();
    }

    /** A value with its deadline, as a method's memory tier keeps them. */
    record Deadlined(Object value, long deadline) {
    }

    @Benchmark
    public Object handWrittenCacheAside() {
        return service.handWritten(key);
    }

    @Benchmark
    public Object wovenOneArgument() {
        return service.one(key);
    }

    @Benchmark
    public Object buildWovenOneArgument() {
        return buildWoven.one(key);
    }

    @Benchmark
    public Object wovenTwoArguments() {
        return service.two(key, 7);
    }

    @Benchmark
    public Object wovenTwoStrings() {
        return service.twoStrings(key, variant);
    }
}
