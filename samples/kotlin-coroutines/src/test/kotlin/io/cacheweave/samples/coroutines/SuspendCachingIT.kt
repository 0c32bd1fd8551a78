package io.cacheweave.samples.coroutines

import io.cacheweave.runtime.CacheRuntime
import io.cacheweave.runtime.Cacheweave
import io.cacheweave.runtime.config.Settings
import kotlin.coroutines.Continuation
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** `@Cached` and `@Invalidate` suspend functions, woven by the agent or at build time (see [WeavingModeIT]). */
class SuspendCachingIT {
    private val backend = CountingBackend()
    private val directory = UserDirectory(backend)

    @BeforeEach
    @AfterEach
    fun memoryOnly() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build())
    }

    private fun hits(operation: String) = Cacheweave.stats(operation).orElseThrow().hits()

    @Test
    fun hit_returnsWithoutRunningTheBody_andWithoutSuspending() = runBlocking {
        val first = directory.user("ada")
        assertEquals(1, backend.fetches.get())

        // Called with a bare continuation: a hit is the return value itself, not COROUTINE_SUSPENDED.
        val block: suspend () -> User = { directory.user("ada") }
        val returned = block.startCoroutineUninterceptedOrReturn(Continuation(EmptyCoroutineContext) { })
        assertSame(first, returned, "the stored value, returned at once")
        assertEquals(1, backend.fetches.get(), "the hit skipped the body")
        assertEquals(1, hits("kt-user"))
    }

    @Test
    fun valueAfterARealSuspension_isStored() = runBlocking {
        backend.fetchDelayMillis = 100
        val block: suspend () -> User = { directory.user("alan") }
        val completed = CompletableDeferred<Result<User>>()
        val returned = block.startCoroutineUninterceptedOrReturn(Continuation(Dispatchers.Default) {
            completed.complete(it)
        })
        assertSame(COROUTINE_SUSPENDED, returned, "the load suspended in delay()")
        val loaded = withTimeout(5_000) { completed.await() }.getOrThrow()

        assertEquals(User("alan", "Alan", listOf("staff", "alan")), loaded)
        assertSame(loaded, directory.user("alan"), "the value it resumed with was stored")
        assertEquals(1, backend.fetches.get())
    }

    @Test
    fun functionThatDoesNotSuspend_isCachedToo() = runBlocking {
        assertEquals(5, directory.nameLength("grace"))
        assertEquals(5, directory.nameLength("grace"))
        assertEquals(1, hits("kt-length"))
    }

    @Test
    fun concurrentCallersOnOneThread_shareOneLoad() = runBlocking {
        // runBlocking has one thread: the callers after the first must suspend, not block, or this deadlocks.
        val users = (1..8).map { async { directory.user("grace") } }.awaitAll()
        assertEquals(1, backend.fetches.get(), "one load for eight callers")
        assertTrue(users.all { it == users[0] }, users.toString())
    }

    @Test
    fun concurrentCallersOnManyThreads_shareOneLoad() = runBlocking {
        val gate = CompletableDeferred<Unit>()
        backend.gate = gate
        val callers = (1..16).map { async(Dispatchers.Default) { directory.user("ada") } }
        while (backend.fetches.get() == 0) {
            yield()
        }
        gate.complete(Unit)
        val users = withTimeout(5_000) { callers.awaitAll() }
        assertEquals(1, backend.fetches.get(), "one load for sixteen callers")
        assertTrue(users.all { it == users[0] })
    }

    @Test
    fun exception_isNeverStored_andReachesTheCallersThatJoined() = runBlocking {
        backend.failNextFetch = IllegalStateException("backend down")
        val callers = (1..4).map { async { runCatching { directory.user("ada") } } }.map { it.await() }
        assertTrue(callers.all { it.exceptionOrNull()?.message == "backend down" }, callers.toString())
        assertEquals(1, backend.fetches.get(), "the callers shared the failed load")

        val user = directory.user("ada")
        assertEquals("Ada", user.name)
        assertEquals(2, backend.fetches.get(), "nothing was stored: the next call loads")
        assertEquals(0, hits("kt-user"))
    }

    @Test
    fun keyIsTheCacheKeyParameter_withoutTheContinuation() = runBlocking {
        val first = directory.team("core", requestId = 1)
        val fetches = backend.fetches.get()
        assertEquals(first, directory.team("core", requestId = 2))
        assertEquals(fetches, backend.fetches.get(), "another request id, same key")
        assertEquals(1, hits("kt-team"))
    }

    @Test
    fun recursiveCall_fromTheRunningBody_isACallOfItsOwn() = runBlocking {
        assertEquals(listOf("Ada", "Alan", "Grace"), directory.names(listOf("ada", "alan", "grace")))
        assertEquals(3, backend.fetches.get())
        assertEquals(listOf("Alan", "Grace"), directory.names(listOf("alan", "grace")), "stored by the recursion")
        assertEquals(listOf("Grace"), directory.names(listOf("grace")))
        assertEquals(2, hits("kt-names"))
        assertEquals(3, backend.fetches.get())
    }

    @Test
    fun disabledCache_runsEveryCall_throughItsStateMachine() = runBlocking {
        // Uncached calls still get a continuation of the cache's, so that the state machine of team(), which
        // suspends several times and calls the function again each time it resumes, is never taken for a new call.
        Cacheweave.install(CacheRuntime.builder().settings(Settings.builder().core { it.enabled(false) }
                .build()).build())
        val first = directory.team("core", requestId = 1)
        assertEquals(listOf("ada", "alan", "grace"), first.map { it.id })
        assertEquals(first, directory.team("core", requestId = 1))
        assertEquals(6, backend.fetches.get(), "every call ran")
    }

    @Test
    fun invalidate_appliesWhenTheFunctionCompletes_notWhenItSuspends() = runBlocking {
        directory.user("ada")
        val gate = CompletableDeferred<Unit>()
        backend.gate = gate
        val rename = launch { directory.rename("ada", "Augusta") }
        while (backend.renames.get() == 0) {
            yield()
        }
        assertEquals("Ada", directory.user("ada").name, "still cached while rename is suspended")
        assertEquals(1, backend.fetches.get())

        backend.gate = null
        gate.complete(Unit)
        rename.join()
        assertEquals("Augusta", directory.user("ada").name, "removed once rename completed")
        assertEquals(2, backend.fetches.get())
    }

    @Test
    fun invalidate_doesNotApplyWhenTheFunctionThrows() = runBlocking {
        directory.user("ada")
        backend.failNextRename = IllegalStateException("rename refused")
        assertThrows<IllegalStateException> { directory.rename("ada", "x") }
        assertEquals("Ada", directory.user("ada").name)
        assertEquals(1, backend.fetches.get(), "the failed rename invalidated nothing")

        directory.rename("ada", "Lady Ada")
        assertEquals("Lady Ada", directory.user("ada").name)
        assertEquals(2, backend.fetches.get())
    }
}
