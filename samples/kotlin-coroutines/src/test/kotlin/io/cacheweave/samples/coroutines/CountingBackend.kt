package io.cacheweave.samples.coroutines

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay

/** A backend that counts its calls, suspends for real ([delay], or until a gate opens) and can be made to fail. */
class CountingBackend : UserBackend {
    val fetches = AtomicInteger()
    val renames = AtomicInteger()
    private val names = ConcurrentHashMap(mapOf("ada" to "Ada", "alan" to "Alan", "grace" to "Grace"))

    /** How long [fetch] suspends. */
    @Volatile var fetchDelayMillis = 20L

    /** When set, [fetch] and [rename] suspend until it completes. */
    @Volatile var gate: CompletableDeferred<Unit>? = null

    /** When set, the next [fetch] suspends and then throws it. */
    @Volatile var failNextFetch: RuntimeException? = null

    /** When set, the next [rename] suspends and then throws it. */
    @Volatile var failNextRename: RuntimeException? = null

    override suspend fun fetch(id: String): User {
        fetches.incrementAndGet()
        gate?.await()
        delay(fetchDelayMillis)
        failNextFetch?.let { failure ->
            failNextFetch = null
            throw failure
        }
        return User(id, names[id] ?: throw NoSuchElementException("no user $id"), listOf("staff", id))
    }

    override suspend fun members(team: String): List<String> {
        delay(fetchDelayMillis)
        return names.keys.sorted()
    }

    override suspend fun rename(id: String, name: String) {
        renames.incrementAndGet()
        gate?.await()
        delay(10)
        failNextRename?.let { failure ->
            failNextRename = null
            throw failure
        }
        require(names.containsKey(id)) { "no user $id" }
        names[id] = name
    }
}
