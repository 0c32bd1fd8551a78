package io.cacheweave.benchmarks.coroutines;

import io.cacheweave.benchmarks.Workload;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.samples.coroutines.User;
import io.cacheweave.samples.coroutines.UserDirectory;
import java.util.concurrent.TimeUnit;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A memory hit of a Kotlin {@code suspend} function ({@code UserDirectory.user(id)} of samples/kotlin-coroutines,
 * woven by {@code -javaagent:cache-agent.jar}) next to the baseline {@code plainCall}, a non-suspending function that
 * returns the same value, and {@code wovenPlainHit}, the hit of a non-suspending {@code @Cached} function. The suspend
 * function is called as a calling coroutine's state machine calls it: with the caller's continuation as the last
 * argument; a hit returns the value at once and never touches the continuation. Set-up loads the value (the backend
 * returns without suspending) and checks that a second call is a hit; tear-down fails the trial if any body ran
 * during the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class SuspendHitBenchmark {
    private static final String ID = "ada";

    /** The caller's continuation; a hit must never resume it. */
    private static final class Caller implements Continuation<Object> {
        @Override
        public CoroutineContext getContext() {
            return EmptyCoroutineContext.INSTANCE;
        }

        @Override
        public void resumeWith(Object result) {
            throw new IllegalStateException("a hit resumed its caller: " + result);
        }
    }

    private final Workload work = new Workload();
    private final Continuation<Object> caller = new Caller();
    private UserDirectory directory;
    private PlainUsers plain;
    private long runsAfterSetUp;

    @Setup(Level.Trial)
    public void setUp() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
        directory = new UserDirectory(new ImmediateBackend(work));
        plain = new PlainUsers(work, ImmediateBackend.user(ID));
        Object loaded = directory.user(ID, caller);
        Object hit = directory.user(ID, caller);
        plain.cachedUser(ID);
        plain.cachedUser(ID);
        if (!(hit instanceof User) || !hit.equals(loaded) || !hit.equals(plain.user(ID))) {
            throw new IllegalStateException("the suspend function returned " + hit + " after " + loaded);
        }
        if (work.runs() != 2) {
            throw new IllegalStateException("two calls of each cached function ran " + work.runs() + " bodies, "
                    + "not 2: a second call was not a hit (is cache-agent.jar attached?)");
        }
        if (Cacheweave.stats("kt-user").orElseThrow().hits() != 1) {
            throw new IllegalStateException("the suspend function's second call was no hit");
        }
        runsAfterSetUp = work.runs();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        work.requireNoRunSince(runsAfterSetUp, "suspend hit");
    }

    @Benchmark
    public Object suspendHit() {
        return directory.user(ID, caller);
    }

    @Benchmark
    public Object wovenPlainHit() {
        return plain.cachedUser(ID);
    }

    @Benchmark
    public Object plainCall() {
        return plain.user(ID);
    }
}
