package io.cacheweave.runtime;

import io.cacheweave.runtime.tier.BusHealth;
import io.cacheweave.runtime.tier.GenerationTier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * This node's view of the generation of every operation (and programmatic cache) it uses. The shared tier holds the
 * truth, one counter per operation in the hash {@code <namespace>:generations:v<schema>}; invalidating an operation
 * bumps its counter ({@code HINCRBY}, one command whatever Redis holds), and the physical keys of its entries carry
 * the generation ({@link #keyPrefix}), so older entries are never read again and expire by their TTL.
 *
 * <p>The view learns bumps through the invalidation bus (an operation invalidation from another node makes it read
 * that generation again, {@link #forget}), with the bus's bounded staleness: it is
 * trusted only while the bus's {@link BusHealth} lets the memory tiers be served; otherwise, and after the bus lost
 * messages ({@link #forgetAll}), the next read of an operation's generation asks the shared tier ({@code HGET}).
 * A node reads each generation it needs once, on first use. On the hit path that is three volatile reads.
 */
final class Generations {
    /** One operation's generation, as this node knows it. */
    static final class Generation {
        final String name;
        volatile long value;
        /** The view's {@link #epoch} when {@link #value} was read from the shared tier; -1 before the first read. */
        volatile long epoch = -1;

        Generation(String name) {
            this.name = name;
        }
    }

    private final GenerationTier tier;
    private final String hash;
    private final Supplier<BusHealth> health;
    private final ConcurrentHashMap<String, Generation> byName = new ConcurrentHashMap<>();
    /** Bumped whenever the view may have missed a bump: every generation is read again on its next use. */
    private volatile long epoch;

    /**
     * @param tier where the counters live
     * @param namespace the runtime's namespace
     * @param schemaVersion the runtime's schema version
     * @param health the bus's health, or a supplier of {@code null} without a bus (the view is then always trusted)
     */
    Generations(GenerationTier tier, String namespace, int schemaVersion, Supplier<BusHealth> health) {
        this.tier = tier;
        this.hash = hashKey(namespace, schemaVersion);
        this.health = health;
    }

    /** @return the key of the hash of generation counters */
    static String hashKey(String namespace, int schemaVersion) {
        return namespace + ":generations:v" + schemaVersion;
    }

    /**
     * @param keyPrefix the physical prefix of generation 0, {@code <namespace>:v<schema>:}
     * @param generation a generation
     * @return the physical prefix of the keys of that generation: {@code <namespace>:v<schema>:} for 0 (the keys
     *     of a runtime that never invalidated an operation), {@code <namespace>:v<schema>@g<n>:} after
     */
    static String keyPrefix(String keyPrefix, long generation) {
        return generation == 0 ? keyPrefix
                : keyPrefix.substring(0, keyPrefix.length() - 1) + "@g" + generation + ":";
    }

    /** @return the generation of {@code name}, made on first use (not yet read) */
    Generation of(String name) {
        Generation g = byName.get(name);
        return g != null ? g : byName.computeIfAbsent(name, Generation::new);
    }

    /**
     * @return the current generation of {@code g}: this node's view while it is trusted, else read from the tier
     * @throws io.cacheweave.runtime.tier.TierException when it had to be read and could not be
     */
    long current(Generation g) {
        long e = epoch;
        if (g.epoch == e) {
            BusHealth h = health.get();
            if (h == null || h.servesMemoryTier()) {
                return g.value;
            }
        }
        long read = tier.generation(hash, g.name);
        raise(g, read);
        g.epoch = e;
        return g.value;
    }

    /**
     * Bumps the generation of {@code name} in the tier, and here.
     *
     * @return the new generation
     * @throws io.cacheweave.runtime.tier.TierException when the tier failed
     */
    long bump(String name) {
        long next = tier.nextGeneration(hash, name);
        raise(of(name), next);
        return next;
    }

    /** Another node bumped the generation of {@code name} to {@code generation} (it came over the bus). */
    void learn(String name, long generation) {
        raise(of(name), generation);
    }

    /**
     * Another node invalidated {@code name} (it came over the bus): read generations again on next use. It forgets
     * them all, through the epoch, so that a read of the tier that was answered before the bump and lands after
     * this call is not trusted; invalidations are rare next to reads, and each costs one {@code HGET} per operation.
     */
    void forget(String name) {
        forgetAll();
    }

    /** The bus may have lost messages: read every generation again on its next use. */
    synchronized void forgetAll() {
        epoch++;
    }

    private static void raise(Generation g, long generation) {
        synchronized (g) {
            if (generation > g.value) {
                g.value = generation;
            }
        }
    }
}
