package com.acme.bad;

import io.cacheweave.annotations.Cached;
import kotlin.coroutines.Continuation;

/** What kapt hands the processor for {@code @Cached suspend fun user(id: String): String}. */
public final class SuspendStubs {
    @Cached(operation = "suspended")
    public final Object user(String id, Continuation<? super String> $completion) {
        return null;
    }
}
