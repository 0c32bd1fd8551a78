package io.cacheweave.samples.coroutines

import io.cacheweave.runtime.Cacheweave
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlin.system.measureTimeMillis

/** A backend that takes 200 ms per call, as a remote service might. */
class SlowUserBackend : UserBackend {
    private val names = mutableMapOf("ada" to "Ada Lovelace", "alan" to "Alan Turing")

    override suspend fun fetch(id: String): User {
        delay(200)
        return User(id, names[id] ?: throw NoSuchElementException("no user $id"), listOf("staff"))
    }

    override suspend fun members(team: String): List<String> {
        delay(200)
        return names.keys.sorted()
    }

    override suspend fun rename(id: String, name: String) {
        delay(50)
        names[id] = name
    }
}

/** Run with `-javaagent:cache-agent.jar` (or over classes woven at build time). */
fun main() = runBlocking {
    val directory = UserDirectory(SlowUserBackend())
    val cold = measureTimeMillis { directory.user("ada") }
    val warm = measureTimeMillis { directory.user("ada") }
    println("first call ${cold} ms, cached call ${warm} ms")

    val shared = measureTimeMillis { (1..10).map { async { directory.user("alan") } }.awaitAll() }
    println("ten concurrent callers of one key: ${shared} ms, one load")

    directory.rename("ada", "Augusta Ada King")
    println("after rename: ${directory.user("ada").name}")
    println(Cacheweave.stats("kt-user").orElseThrow())
}
