package io.cacheweave.benchmarks.coroutines;

import io.cacheweave.benchmarks.Workload;
import io.cacheweave.samples.coroutines.User;
import io.cacheweave.samples.coroutines.UserBackend;
import java.util.List;
import kotlin.Unit;
import kotlin.coroutines.Continuation;

/**
 * The sample's backend, implemented as the JVM sees its suspend functions: each returns its value at once (never
 * {@code COROUTINE_SUSPENDED}), and counts the run, so a load needs no coroutine and a hit can be checked to run
 * nothing.
 */
public final class ImmediateBackend implements UserBackend {
    private final Workload work;

    public ImmediateBackend(Workload work) {
        this.work = work;
    }

    /** @return the user every id has: the value {@link PlainUsers} returns too */
    public static User user(String id) {
        return new User(id, "Ada", List.of("staff"));
    }

    @Override
    public Object fetch(String id, Continuation<? super User> completion) {
        work.ran();
        return user(id);
    }

    @Override
    public Object members(String team, Continuation<? super List<String>> completion) {
        work.ran();
        return List.of("ada");
    }

    @Override
    public Object rename(String id, String name, Continuation<? super Unit> completion) {
        work.ran();
        return Unit.INSTANCE;
    }
}
