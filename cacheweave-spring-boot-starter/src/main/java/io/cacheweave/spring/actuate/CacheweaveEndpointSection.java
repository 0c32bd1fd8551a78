package io.cacheweave.spring.actuate;

/**
 * One more section of the {@code cacheweave} endpoint's read, beside the monitor's snapshot; a bean of this type is
 * added under its {@link #name()} (the chat caches' savings are {@code llm}).
 */
public interface CacheweaveEndpointSection {

    /** @return the section's field in the endpoint's output; not a field of the monitor's snapshot */
    String name();

    /** @return the section's content now: maps, lists, text and numbers */
    Object content();
}
