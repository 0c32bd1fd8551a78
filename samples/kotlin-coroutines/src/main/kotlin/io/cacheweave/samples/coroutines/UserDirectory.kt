package io.cacheweave.samples.coroutines

import io.cacheweave.annotations.CacheKey
import io.cacheweave.annotations.Cached
import io.cacheweave.annotations.Invalidate

/**
 * A directory whose suspend functions are cached: a hit returns at once, without suspending; concurrent callers of
 * one key share one load (they suspend until it completes; no thread blocks); the value the function resumes with
 * is stored; an exception is never stored. `@Invalidate` applies when the function completes normally, also after
 * it suspended.
 */
class UserDirectory(private val backend: UserBackend) {

    /** Suspends in the backend; the key is the id alone (the continuation kapt adds is not part of it). */
    @Cached(operation = "kt-user", ttl = 600)
    suspend fun user(id: String): User = backend.fetch(id)

    /** Only the team makes the key: [requestId] does not distinguish entries. */
    @Cached(operation = "kt-team", ttl = 600)
    suspend fun team(@CacheKey team: String, requestId: Long): List<User> =
        backend.members(team).map { backend.fetch(it) }

    /** A suspend function that returns without suspending is cached the same way; an `Int` is stored boxed. */
    @Cached(operation = "kt-length", ttl = 600)
    suspend fun nameLength(name: String): Int = name.length

    /**
     * The names of [ids], by a recursive suspend function: each recursive call (made from the running body with its
     * own state machine) is a call of its own, cached under its own key; the call to [user] shares that cache too.
     */
    @Cached(operation = "kt-names", ttl = 600)
    suspend fun names(ids: List<String>): List<String> =
        if (ids.isEmpty()) emptyList() else listOf(user(ids.first()).name) + names(ids.drop(1))

    /** Removes the one cached entry of [id], once the backend has renamed the user. */
    @Invalidate(operation = "kt-user", key = "{id}")
    suspend fun rename(id: String, name: String) {
        backend.rename(id, name)
    }
}
