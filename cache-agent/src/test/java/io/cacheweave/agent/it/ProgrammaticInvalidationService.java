package io.cacheweave.agent.it;

import io.cacheweave.annotations.Invalidate;

/**
 * Invalidations of a programmatic cache ({@code Cacheweave.cache("it-notes", ...)}), woven by the agent in
 * {@link ProgrammaticInvalidationIT}. No {@code @Cached} method declares "it-notes", so the processor warns that the
 * operation names none: the entries come from the programmatic API.
 */
public class ProgrammaticInvalidationService {

    @Invalidate(operation = "it-notes")
    public void reimport() {
    }

    @Invalidate(operation = "it-notes", key = "{noteId}")
    public void edit(String noteId) {
    }

    @Invalidate(pattern = "it-notes:user-*")
    public void dropUsers() {
    }
}
