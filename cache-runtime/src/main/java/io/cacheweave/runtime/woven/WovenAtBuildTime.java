package io.cacheweave.runtime.woven;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@code @Cached} and {@code @Invalidate} methods were woven at build time (by
 * {@code cacheweave-maven-plugin} or {@code java -jar cache-agent.jar weave}). The agent and the build-time weaver
 * leave a class with this mark alone, so a class is never woven twice and both modes can be mixed. Part of the
 * woven ABI: users never write it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WovenAtBuildTime {
}
