package io.cacheweave.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SemanticIndexTest {

    private static final int DIMENSION = 384;

    private static float[] random(SplittableRandom r) {
        return SemanticIndexProbe.random(DIMENSION, r);
    }

    private static float[] near(float[] v, double similarity, SplittableRandom r) {
        return SemanticIndexProbe.near(v, similarity, r);
    }

    @Test
    void search_amongTenThousand_findsEveryPlantedNeighbour() {
        SplittableRandom r = new SplittableRandom(42);
        SemanticIndex index = new SemanticIndex(DIMENSION, 100_000);
        float[][] stored = new float[10_000][];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = random(r);
            index.add("id" + i, "q" + i, stored[i]);
        }
        for (int probe = 0; probe < 200; probe++) {
            int target = r.nextInt(stored.length);
            List<SemanticIndex.Match> found = index.search(near(stored[target], 0.9, r), 0.85);
            assertFalse(found.isEmpty(), "probe " + probe);
            assertEquals("id" + target, found.get(0).id());
            assertEquals(0.9, found.get(0).similarity(), 0.01);
        }
        assertTrue(index.search(random(r), 0.85).isEmpty(), "a random vector is near nothing");
    }

    @Test
    void add_sameIdTwice_keptOnce() {
        SemanticIndex index = new SemanticIndex(3, 10);
        assertTrue(index.add("a", "q", new float[] {1, 0, 0}));
        assertFalse(index.add("a", "q", new float[] {1, 0, 0}));
        assertEquals(1, index.size());
    }

    @Test
    void add_wrongDimension_refused() {
        SemanticIndex index = new SemanticIndex(3, 10);
        assertFalse(index.add("a", "q", new float[] {1, 0}));
        assertTrue(index.search(new float[] {1, 0}, 0.5).isEmpty());
    }

    @Test
    void add_beyondCapacity_dropsTheOldest() {
        SemanticIndex index = new SemanticIndex(2, 8);
        for (int i = 0; i < 9; i++) {
            index.add("id" + i, "q", new float[] {(float) Math.cos(i * 0.3), (float) Math.sin(i * 0.3)});
        }
        assertEquals(7, index.size());
        assertTrue(index.ids(id -> id.equals("id0") || id.equals("id1")).isEmpty());
        assertEquals(List.of("id8"), index.ids(id -> id.equals("id8")));
        assertTrue(index.add("id0", "q", new float[] {1, 0}), "a dropped id can come back");
    }
}
