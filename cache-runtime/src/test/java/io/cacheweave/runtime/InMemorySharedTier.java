package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.ManualClock;
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
    public long remainingMillis(String key) {
        failIfAsked();
        Entry e = entries.get(key);
        long left = e == null ? 0 : (e.expiresAtNanos - clock.nanos()) / 1_000_000;
        return left > 0 ? left : ABSENT;
    }

    @Override
    public boolean extendTtl(String key, Duration extra) {
        failIfAsked();
        boolean[] extended = new boolean[1];
        entries.computeIfPresent(key, (k, e) -> {
            if (e.expiresAtNanos - clock.nanos() <= 0) {
                return e;
            }
            extended[0] = true;
            return new Entry(e.bytes, e.expiresAtNanos + extra.toNanos());
        });
        return extended[0];
    }

    @Override
    public List<String> keys(String glob, int limit) {
        failIfAsked();
        GlobPattern pattern = GlobPattern.compile(glob);
        return entries.entrySet().stream().filter(e -> e.getValue().expiresAtNanos - clock.nanos() > 0)
                .map(Map.Entry::getKey).filter(pattern::matches).limit(limit).toList();
    }

    @Override
    public long cleanupExpired(String glob) {
        failIfAsked();
        GlobPattern pattern = GlobPattern.compile(glob);
        return delete(entries.entrySet().stream().filter(e -> e.getValue().expiresAtNanos - clock.nanos() <= 0)
                .map(Map.Entry::getKey).filter(pattern::matches).toList());
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
