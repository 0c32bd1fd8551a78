package io.cacheweave.llm;

import java.util.Locale;

/** A deterministic embedder for tests: each lower-cased word adds to one of {@code dimension} buckets. */
final class WordHashEmbedder implements Embedder {
    private final String name;
    private final int dimension;

    WordHashEmbedder(String name, int dimension) {
        this.name = name;
        this.dimension = dimension;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[] embed(String text) {
        float[] v = new float[dimension];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), dimension)] += 1;
            }
        }
        return v;
    }
}
