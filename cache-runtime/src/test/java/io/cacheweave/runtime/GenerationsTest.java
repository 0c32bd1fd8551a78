package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cacheweave.runtime.tier.BusHealth;
import io.cacheweave.runtime.tier.GenerationTier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** This node's view of the generations: read once, trusted while the bus is healthy, read again after a loss. */
class GenerationsTest {

    /** Counters in a map, counting the reads. */
    private static final class CountingTier implements GenerationTier {
        final Map<String, Long> counters = new HashMap<>();
        int reads;

        @Override
        public synchronized long nextGeneration(String hash, String name) {
            return counters.merge(hash + "/" + name, 1L, Long::sum);
        }

        @Override
        public synchronized long generation(String hash, String name) {
            reads++;
            return counters.getOrDefault(hash + "/" + name, 0L);
        }
    }

    private final CountingTier tier = new CountingTier();

    @Test
    void current_readsOnce_thenTrustsTheView() {
        tier.nextGeneration(Generations.hashKey("app", 1), "profile");
        Generations view = new Generations(tier, "app", 1, () -> null);
        Generations.Generation g = view.of("profile");
        assertEquals(1, view.current(g));
        assertEquals(1, view.current(g));
        assertEquals(1, tier.reads);
    }

    @Test
    void bump_isSeenAtOnceOnThisNode_andLearnedByAnother() {
        Generations here = new Generations(tier, "app", 1, () -> null);
        Generations there = new Generations(tier, "app", 1, () -> null);
        Generations.Generation g = there.of("profile");
        assertEquals(0, there.current(g));
        assertEquals(1, here.bump("profile"));
        assertEquals(1, here.current(here.of("profile")));
        there.forget("profile");
        assertEquals(1, there.current(g));
    }

    @Test
    void forgetAll_readsEveryGenerationAgain() {
        Generations view = new Generations(tier, "app", 1, () -> null);
        Generations.Generation g = view.of("profile");
        view.current(g);
        tier.nextGeneration(Generations.hashKey("app", 1), "profile");
        view.forgetAll();
        assertEquals(1, view.current(g));
        assertEquals(2, tier.reads);
    }

    @Test
    void current_whileTheBusIsNotKnownHealthy_readsTheTierEveryTime() {
        BusHealth unproven = new BusHealth(Duration.ofSeconds(1)); // no heartbeat answered yet
        Generations view = new Generations(tier, "app", 1, () -> unproven);
        Generations.Generation g = view.of("profile");
        view.current(g);
        view.current(g);
        assertEquals(2, tier.reads);
    }

    @Test
    void keyPrefix_generationZero_keepsTheKeysOfEarlierVersions() {
        assertEquals("app:v1:", Generations.keyPrefix("app:v1:", 0));
        assertEquals("app:v1@g7:", Generations.keyPrefix("app:v1:", 7));
    }
}
