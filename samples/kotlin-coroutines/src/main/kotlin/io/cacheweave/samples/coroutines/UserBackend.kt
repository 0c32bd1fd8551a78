package io.cacheweave.samples.coroutines

/** Where users really come from: a remote service or a database, reached by suspend functions. */
interface UserBackend {
    /** @throws NoSuchElementException when there is no user [id] */
    suspend fun fetch(id: String): User

    suspend fun members(team: String): List<String>

    suspend fun rename(id: String, name: String)
}
