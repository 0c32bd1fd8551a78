package io.cacheweave.processor;

/** Literal text or a reference to a {@link KeyPart}, in the order a key or pattern writes them. */
sealed interface KeySegment {

    /** @param text written unchanged with {@code out.literal} */
    record Literal(String text) implements KeySegment {
    }

    /** @param index the index of the part in its method's or pattern's part list */
    record Part(int index) implements KeySegment {
    }
}
