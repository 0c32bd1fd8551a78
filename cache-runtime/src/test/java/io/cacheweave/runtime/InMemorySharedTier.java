package io.cacheweave.runtime;

import io.cacheweave.runtime.key.GlobPattern;
import io.cacheweave.runtime.tier.SharedTier;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A shared tier in a map, with Redis' expiry and glob rules, for unit tests of the runtime's use of a tier. */
final class InMemorySharedTier implements SharedTier {
    record Entry(byte[] bytes, long expiresAtNanos) {
    }

    final Map<String, Entry> entries = new ConcurrentHashMap<>();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger gets = new AtomicInteger();
    private final ManualClock clock;

    InMemorySharedTier(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public StoredValue get(String key) {
        failIfAsked();
        gets.incrementAndGet();
        Entry e = entries.get(key);
        if (e == null || e.expiresAtNanos - clock.nanos() <= 0) {
            return null;
        }
        return new StoredValue(e.bytes, (e.expiresAtNanos - clock.nanos()) / 1_000_000);
    }

    @Override
    public Map<String, StoredValue> getAll(List<String> keys) {
        Map<String, StoredValue> found = new HashMap<>();
        for (String k : keys) {
            StoredValue v = get(k);
            if (v != null) {
                found.put(k, v);
            }
        }
        return found;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        failIfAsked();
        entries.put(key, new Entry(value, clock.nanos() + ttl.toNanos()));
    }

    @Override
    public void putAll(Map<String, byte[]> values, Duration ttl) {
        values.forEach((k, v) -> put(k, v, ttl));
    }

    @Override
    public long delete(Collection<String> keys) {
        failIfAsked();
        return keys.stream().filter(k -> entries.remove(k) != null).count();
    }

    @Override
    public long deleteMatching(String glob) {
        failIfAsked();
        GlobPattern pattern = GlobPattern.compile(glob);
        return delete(entries.keySet().stream().filter(pattern::matches).toList());
    }

    @Override
    public void close() {
    }

    private void failIfAsked() {
        if (failing.get()) {
            throw new io.cacheweave.runtime.tier.TierException("the test made the tier fail");
        }
    }
}
