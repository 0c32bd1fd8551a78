package io.cacheweave.benchmarks.coroutines;

import io.cacheweave.annotations.Cached;
import io.cacheweave.benchmarks.Workload;
import io.cacheweave.samples.coroutines.User;

/** Non-suspending functions returning the same value as the sample's suspend {@code user(id)}. */
public class PlainUsers {
    private final Workload work;
    private final User user;

    public PlainUsers(Workload work, User user) {
        this.work = work;
        this.user = user;
    }

    /** A plain call: the value, with no cache in the way. */
    public User user(String id) {
        return user;
    }

    /** The same function with {@code @Cached}, not suspending: what a suspend hit costs beyond a plain hit. */
    @Cached(operation = "bench-plain-user", ttl = 3600)
    public User cachedUser(String id) {
        work.ran();
        return user;
    }
}
