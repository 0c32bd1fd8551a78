package io.cacheweave.runtime.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The most accessed keys, without holding every key: the Space-Saving algorithm (Metwally, Agrawal, El Abbadi) over
 * {@code capacity} counters. A key that is counted replaces the least counted key when every counter is taken, and
 * inherits its count plus its own weight, so counts are over-estimates by at most the replaced count (kept as the
 * error). Every key accessed more than {@code total / capacity} times is guaranteed to be among the counters.
 *
 * <p>Fed by samples: a sample of one access in {@code n} carries weight {@code n}. Items are any objects with value
 * equality (the monitor offers pairs of a cache and its key object, rendered to text only when read). Synchronized;
 * offers are rare (sampled), so a lock is cheaper than anything cleverer.
 */
public final class TopKeys {
    private final int capacity;
    private final Map<Object, long[]> counters; // item -> {count, error}

    /** @param capacity counters kept, at least 1 */
    public TopKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.counters = new HashMap<>(capacity * 2);
    }

    /** @return the number of counters */
    public int capacity() {
        return capacity;
    }

    /** @param item an accessed item @param weight accesses it stands for, positive */
    public synchronized void offer(Object item, long weight) {
        long[] c = counters.get(item);
        if (c != null) {
            c[0] += weight;
            return;
        }
        if (counters.size() < capacity) {
            counters.put(item, new long[] {weight, 0});
            return;
        }
        Object minItem = null;
        long[] min = null;
        for (Map.Entry<Object, long[]> e : counters.entrySet()) {
            if (min == null || e.getValue()[0] < min[0]) {
                min = e.getValue();
                minItem = e.getKey();
            }
        }
        counters.remove(minItem);
        counters.put(item, new long[] {min[0] + weight, min[0]});
    }

    /**
     * @param n how many
     * @param render turns an item into the text to report (a logical key); an item it fails on is skipped
     * @return the {@code n} most counted items, most first
     */
    public List<MonitorSnapshot.KeyCount> top(int n, Function<Object, String> render) {
        List<Map.Entry<Object, long[]>> all;
        synchronized (this) {
            all = new ArrayList<>(counters.size());
            for (Map.Entry<Object, long[]> e : counters.entrySet()) {
                all.add(Map.entry(e.getKey(), e.getValue().clone()));
            }
        }
        all.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        List<MonitorSnapshot.KeyCount> top = new ArrayList<>(Math.min(n, all.size()));
        for (Map.Entry<Object, long[]> e : all) {
            if (top.size() >= n) {
                break;
            }
            String text;
            try {
                text = render.apply(e.getKey());
            } catch (RuntimeException ex) {
                continue;
            }
            top.add(new MonitorSnapshot.KeyCount(text, e.getValue()[0]));
        }
        return top;
    }

    /** Forgets every counter. */
    public synchronized void clear() {
        counters.clear();
    }
}
