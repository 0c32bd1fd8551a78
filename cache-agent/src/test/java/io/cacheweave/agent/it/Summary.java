package io.cacheweave.agent.it;

/** A value type the woven methods return. */
public record Summary(String text, int words) {
}
