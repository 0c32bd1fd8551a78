package io.cacheweave.llm;

import java.util.List;
import java.util.SplittableRandom;

/** Test access to the package-private {@link SemanticIndex}, for the benchmark. */
public final class SemanticIndexProbe {
    private final SemanticIndex index;

    public SemanticIndexProbe(int dimension, int capacity) {
        this.index = new SemanticIndex(dimension, capacity);
    }

    public void add(String id, float[] vector) {
        index.add(id, id, vector);
    }

    /** @return the id of the nearest entry at or above {@code threshold}, or "" */
    public String nearestId(float[] vector, double threshold) {
        List<SemanticIndex.Match> m = index.search(vector, threshold);
        return m.isEmpty() ? "" : m.get(0).id();
    }

    public static float[] random(int dimension, SplittableRandom r) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** @return a vector at cosine {@code similarity} from {@code v} */
    public static float[] near(float[] v, double similarity, SplittableRandom r) {
        float[] noise = random(v.length, r);
        double nv = 0;
        double dot = 0;
        for (int i = 0; i < v.length; i++) {
            nv += v[i] * v[i];
            dot += v[i] * noise[i];
        }
        double nn = 0;
        for (int i = 0; i < v.length; i++) {
            noise[i] -= (float) (dot / nv * v[i]);
            nn += noise[i] * noise[i];
        }
        double scale = Math.sqrt(nv / nn) * Math.tan(Math.acos(similarity));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + noise[i] * scale);
        }
        return out;
    }
}
