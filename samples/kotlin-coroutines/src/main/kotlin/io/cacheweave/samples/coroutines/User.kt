package io.cacheweave.samples.coroutines

import com.fasterxml.jackson.annotation.JsonCreator
import com.fasterxml.jackson.annotation.JsonProperty

/**
 * A user of the directory. The cache's JSON codec (Jackson, without its Kotlin module) reads a data class back
 * through a `@JsonCreator` constructor, so a shared-tier (Redis) hit is decoded as this type. (`@JvmRecord` would do
 * too, but kapt cannot write stubs for it.)
 */
data class User @JsonCreator constructor(
    @param:JsonProperty("id") val id: String,
    @param:JsonProperty("name") val name: String,
    @param:JsonProperty("roles") val roles: List<String>,
)
