package com.acme.bad;

import io.cacheweave.annotations.Cached;
import java.util.stream.Stream;
import kotlin.coroutines.Continuation;

/** kapt stubs of suspend functions that cannot be cached. */
public final class SuspendStubs {
    /** {@code @Cached suspend fun touch(id: String)}: resumes with Unit */
    @Cached(operation = "touch")
    public final Object touch(String id, Continuation<? super kotlin.Unit> $completion) {
        return null;
    }

    /** {@code @Cached(refreshAfter = 60) suspend fun user(id: String): String} */
    @Cached(operation = "refreshed", ttl = 600, refreshAfter = 60)
    public final Object user(String id, Continuation<? super String> $completion) {
        return null;
    }

    /** {@code @Cached suspend fun users(): Stream<String>} */
    @Cached(operation = "streamed")
    public final Object users(Continuation<? super Stream<String>> $completion) {
        return null;
    }
}
