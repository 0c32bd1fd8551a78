package io.cacheweave.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKeysTest {

    @Test
    void top_findsTheHeavyKeysOfASkewedStream() {
        // Zipf-like: key i is accessed 2000 / (i + 1) times; 5,000 other keys once each; shuffled
        List<String> stream = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (int n = 0; n < 2000 / (i + 1); n++) {
                stream.add("hot" + i);
            }
        }
        for (int i = 0; i < 5_000; i++) {
            stream.add("cold" + i);
        }
        Collections.shuffle(stream, new Random(42));
        TopKeys top = new TopKeys(100);
        for (String key : stream) {
            top.offer(key, 1);
        }
        List<MonitorSnapshot.KeyCount> five = top.top(5, String::valueOf);
        assertEquals(List.of("hot0", "hot1", "hot2", "hot3", "hot4"), five.stream().map(MonitorSnapshot.KeyCount::key)
                .toList());
        // Space-Saving over-counts by at most the total over the capacity
        long bound = stream.size() / 100;
        long[] truth = {2000, 1000, 666, 500, 400};
        for (int i = 0; i < 5; i++) {
            long c = five.get(i).count();
            assertTrue(c >= truth[i] && c <= truth[i] + bound, "hot" + i + " counted " + c);
        }
    }

    @Test
    void offer_weightsAddUp() {
        TopKeys top = new TopKeys(3);
        top.offer("a", 1024);
        top.offer("b", 1);
        top.offer("a", 1);
        assertEquals(List.of(new MonitorSnapshot.KeyCount("a", 1025), new MonitorSnapshot.KeyCount("b", 1)),
                top.top(10, String::valueOf));
    }

    @Test
    void offer_replacesTheLeastCountedWhenFull() {
        TopKeys top = new TopKeys(2);
        top.offer("a", 5);
        top.offer("b", 2);
        top.offer("c", 1); // takes b's counter: 2 + 1
        assertEquals(List.of(new MonitorSnapshot.KeyCount("a", 5), new MonitorSnapshot.KeyCount("c", 3)),
                top.top(10, String::valueOf));
    }

    @Test
    void top_skipsItemsThatCannotBeRendered() {
        TopKeys top = new TopKeys(4);
        top.offer("good", 2);
        top.offer("bad", 3);
        List<MonitorSnapshot.KeyCount> shown = top.top(10, item -> {
            if (item.equals("bad")) {
                throw new IllegalStateException("gone");
            }
            return "k:" + item;
        });
        assertEquals(List.of(new MonitorSnapshot.KeyCount("k:good", 2)), shown);
    }
}
