package io.cacheweave.samples.coroutines

import io.cacheweave.runtime.CacheRuntime
import io.cacheweave.runtime.Cacheweave
import io.cacheweave.runtime.config.Settings
import io.cacheweave.runtime.testing.RedisServer
import io.cacheweave.runtime.testing.RedisServers
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test

/** Suspend functions over a real Redis (a `redis-server` process of this test's own): typed round trips. */
class SharedTierIT {
    companion object {
        private lateinit var redis: RedisServer

        @JvmStatic
        @BeforeAll
        fun startRedis() {
            redis = RedisServers.local()
        }

        @JvmStatic
        @AfterAll
        fun stopRedis() {
            Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build())
            redis.close()
        }
    }

    private val backend = CountingBackend()
    private val directory = UserDirectory(backend)

    @AfterEach
    fun memoryOnly() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build())
    }

    /** A runtime with an empty memory tier over the same Redis: what another JVM would see. */
    private fun freshRuntime() {
        Cacheweave.install(CacheRuntime.builder()
            .settings(Settings.builder().redis { it.url(redis.url()) }
            .core { it.namespace(redis.namespace()) }.build()).build())
    }

    @Test
    fun resumedValue_goesToRedis_andComesBackAsTheDeclaredType() = runBlocking {
        freshRuntime()
        val stored = directory.user("grace") // suspends in the backend, then resumes with the value
        assertTrue(redis.keys().any { it.startsWith(redis.namespace() + ":v1:kt-user:") }, redis.keys().toString())

        freshRuntime()
        val decoded = directory.user("grace")
        assertEquals(1, backend.fetches.get(), "the second runtime's call was a Redis hit")
        assertNotSame(stored, decoded, "decoded from Redis, not the first runtime's memory")
        assertEquals(stored, decoded)
        assertEquals(User::class.java, decoded.javaClass)
    }

    @Test
    fun genericAndPrimitiveResults_roundTrip() = runBlocking {
        freshRuntime()
        val team = directory.team("core", requestId = 7)
        val length = directory.nameLength("alan")
        val fetches = backend.fetches.get()

        freshRuntime()
        val decodedTeam: List<User> = directory.team("core", requestId = 8)
        assertEquals(team, decodedTeam)
        assertTrue(decodedTeam.all { (it as Any).javaClass == User::class.java }, "List<User>, not of maps: $decodedTeam")
        assertEquals(length, directory.nameLength("alan"))
        assertEquals(fetches, backend.fetches.get())
        assertEquals(1, Cacheweave.stats("kt-team").orElseThrow().hits())
    }

    @Test
    fun invalidation_afterCompletion_removesTheRedisEntry() = runBlocking {
        freshRuntime()
        directory.user("ada")
        directory.rename("ada", "Augusta") // suspends in the backend; invalidates when it completes

        freshRuntime()
        assertEquals("Augusta", directory.user("ada").name)
        assertEquals(2, backend.fetches.get(), "Redis no longer held the old entry")
    }
}
