package io.cacheweave.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The stored questions of one semantic scope, searched by cosine similarity. Vectors are normalised and packed into
 * one array; each also has a {@link #BITS}-bit sketch: the signs of its projections on fixed random hyperplanes. A
 * search first ranks every entry by the Hamming distance of its sketch to the query's (four popcounts per entry), then
 * computes the exact cosine only for the {@link #CANDIDATES} closest, so its cost grows with the number of entries by
 * a handful of long operations each, not by a full dot product. (Random-hyperplane sketches preserve angles: the
 * expected fraction of differing bits is the angle over pi, so near vectors have near sketches.)
 * Thread-safe; writers append under the lock, readers see a consistent prefix.
 */
final class SemanticIndex {

    /** Entries whose exact similarity is computed per search. */
    static final int CANDIDATES = 64;
    /** Bits per sketch. */
    static final int BITS = 256;
    private static final int WORDS = BITS / 64;

    private static final java.util.Map<Integer, float[]> HYPERPLANES = new java.util.concurrent.ConcurrentHashMap<>();

    private final int dimension;
    private final int words = WORDS;
    private final int capacity;
    private final float[] hyperplanes;
    private final Set<String> present = new HashSet<>();
    private float[] vectors = new float[0];
    private long[] sketches = new long[0];
    private String[] questions = new String[0];
    private String[] ids = new String[0];
    private volatile int size;

    /**
     * @param dimension the vectors' dimension
     * @param capacity the most entries kept; beyond it the oldest are dropped
     */
    SemanticIndex(int dimension, int capacity) {
        this.dimension = dimension;
        this.capacity = capacity;
        this.hyperplanes = HYPERPLANES.computeIfAbsent(dimension, SemanticIndex::hyperplanes);
    }

    int dimension() {
        return dimension;
    }

    int size() {
        return size;
    }

    /** @return the ids of the entries that {@code test} accepts */
    synchronized List<String> ids(java.util.function.Predicate<String> test) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (test.test(ids[i])) {
                found.add(ids[i]);
            }
        }
        return found;
    }

    /** A match: the stored entry's id, its question and the cosine similarity. */
    record Match(String id, String question, double similarity) {
    }

    /**
     * @param id the entry's id (the exact key's digest); an id already present is not added twice
     * @param question the stored question's text, for the guard
     * @param vector its embedding, of this index's dimension
     * @return whether it was added
     */
    synchronized boolean add(String id, String question, float[] vector) {
        if (vector.length != dimension) {
            return false;
        }
        if (!present.add(id)) {
            return false;
        }
        int n = size;
        if (n == capacity) { // drop the oldest quarter, so appends stay amortised O(1)
            int drop = Math.max(1, capacity / 4);
            for (int i = 0; i < drop; i++) {
                present.remove(ids[i]);
            }
            System.arraycopy(vectors, drop * dimension, vectors, 0, (n - drop) * dimension);
            System.arraycopy(sketches, drop * words, sketches, 0, (n - drop) * words);
            System.arraycopy(questions, drop, questions, 0, n - drop);
            System.arraycopy(ids, drop, ids, 0, n - drop);
            n -= drop;
        }
        if (n == ids.length) {
            int grown = Math.min(capacity, Math.max(16, n * 2));
            vectors = Arrays.copyOf(vectors, grown * dimension);
            sketches = Arrays.copyOf(sketches, grown * words);
            questions = Arrays.copyOf(questions, grown);
            ids = Arrays.copyOf(ids, grown);
        }
        float[] unit = normalised(vector);
        System.arraycopy(unit, 0, vectors, n * dimension, dimension);
        sketch(unit, sketches, n * words);
        questions[n] = question;
        ids[n] = id;
        size = n + 1;
        return true;
    }

    /**
     * @param vector the query's embedding
     * @param threshold the least cosine similarity that counts
     * @return the matches at or above {@code threshold}, most similar first
     */
    List<Match> search(float[] vector, double threshold) {
        if (vector.length != dimension) {
            return List.of();
        }
        float[] unit = normalised(vector);
        long[] query = new long[words];
        sketch(unit, query, 0);
        float[] v;
        long[] s;
        String[] q;
        String[] id;
        int n;
        synchronized (this) {
            v = vectors;
            s = sketches;
            q = questions;
            id = ids;
            n = size;
        }
        int k = Math.min(CANDIDATES, n);
        int[] best = new int[k];
        int[] bestDistance = new int[k];
        int filled = 0;
        int worst = Integer.MAX_VALUE; // the largest distance among the kept candidates once full
        for (int i = 0; i < n; i++) {
            int d = 0;
            int base = i * words;
            for (int w = 0; w < words; w++) {
                d += Long.bitCount(s[base + w] ^ query[w]);
            }
            if (filled < k) {
                best[filled] = i;
                bestDistance[filled++] = d;
                if (filled == k) {
                    worst = max(bestDistance, k);
                }
            } else if (d < worst) {
                int at = indexOf(bestDistance, k, worst);
                best[at] = i;
                bestDistance[at] = d;
                worst = max(bestDistance, k);
            }
        }
        List<Match> matches = new ArrayList<>();
        for (int c = 0; c < filled; c++) {
            int i = best[c];
            double dot = 0;
            int base = i * dimension;
            for (int j = 0; j < dimension; j++) {
                dot += v[base + j] * unit[j];
            }
            if (dot >= threshold) {
                matches.add(new Match(id[i], q[i], dot));
            }
        }
        matches.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        return matches;
    }

    private static int max(int[] values, int n) {
        int m = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }

    private static int indexOf(int[] values, int n, int value) {
        for (int i = 0; i < n; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("value " + value + " not among the candidates");
    }

    private static float[] normalised(float[] vector) {
        double norm = 0;
        for (float x : vector) {
            norm += (double) x * x;
        }
        float[] unit = new float[vector.length];
        if (norm == 0) {
            return unit;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }

    private void sketch(float[] unit, long[] into, int offset) {
        for (int b = 0; b < BITS; b++) {
            float projection = 0;
            int base = b * dimension;
            for (int j = 0; j < dimension; j++) {
                projection += hyperplanes[base + j] * unit[j];
            }
            if (projection > 0) {
                into[offset + (b >>> 6)] |= 1L << (b & 63);
            }
        }
    }

    /** The same random hyperplanes for every index of a dimension: fixed seed, so every node draws the same. */
    private static float[] hyperplanes(int dimension) {
        float[] planes = new float[BITS * dimension];
        SplittableRandom random = new SplittableRandom(0x5eed_cace_4a11L + dimension);
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (float) gaussian(random);
        }
        return planes;
    }

    private static double gaussian(SplittableRandom random) { // Box-Muller
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
