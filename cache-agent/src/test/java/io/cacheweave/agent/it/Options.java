package io.cacheweave.agent.it;

/** A record argument: renders canonically and has value equality. */
public record Options(String language, int maxWords) {
}
