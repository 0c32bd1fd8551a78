package com.acme.coroutines;

import io.cacheweave.annotations.CacheKey;
import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import java.util.List;
import kotlin.coroutines.Continuation;

/** What kapt hands the processor for suspend functions: the continuation last, the result as Object. */
public final class SuspendStubs {
    /** {@code @Cached suspend fun user(id: String): String} */
    @Cached(operation = "suspended")
    public final Object user(String id, Continuation<? super String> $completion) {
        return null;
    }

    /** {@code @Cached suspend fun team(@CacheKey team: String, requestId: Long): List<String>} */
    @Cached(operation = "team", key = "{team}")
    public final Object team(String team, long requestId, Continuation<? super List<String>> $completion) {
        return null;
    }

    /** {@code @Cached suspend fun count(): Int} */
    @Cached(operation = "count")
    public final Object count(Continuation<? super Integer> $completion) {
        return null;
    }

    /** {@code @Invalidate suspend fun rename(id: String): Unit} */
    @Invalidate(operation = "suspended", key = "{id}")
    public final Object rename(String id, Continuation<? super kotlin.Unit> $completion) {
        return null;
    }
}
