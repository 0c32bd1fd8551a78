package io.cacheweave.runtime;

import io.cacheweave.runtime.key.GlobPattern;
import io.cacheweave.runtime.stats.OperationCounters;
import io.cacheweave.runtime.stats.Recording;
import io.cacheweave.runtime.tier.Invalidation;
import io.cacheweave.runtime.tier.InvalidationBus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * This node's side of every invalidation of one runtime: it empties the memory tiers (woven methods and
 * programmatic caches), records the request with the monitor, and applies the other nodes' invalidations. The
 * shared tier and the bus are the runtime's business ({@link CacheRuntime#invalidatePattern(String, String)} and friends).
 */
final class LocalInvalidations {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(LocalInvalidations.class);

    private final Iterable<MethodCache> methods;
    private final ProgrammaticCaches programmatic;
    private final Recording recording;
    private final Function<String, OperationCounters> counters;
    /** The shared tier's generations, or {@code null} without a shared tier. */
    private final Generations generations;

    LocalInvalidations(Iterable<MethodCache> methods, ProgrammaticCaches programmatic, Recording recording,
            Function<String, OperationCounters> counters, Generations generations) {
        this.methods = methods;
        this.programmatic = programmatic;
        this.recording = recording;
        this.counters = counters;
        this.generations = generations;
    }

    /**
     * Applies an invalidation to this node's memory tiers only.
     *
     * @return memory entries removed, by operation; for {@code ALL}, under {@code ""} (no operation counts it)
     */
    Map<String, Long> apply(Invalidation.Kind kind, String target) {
        return switch (kind) {
            case PATTERN -> pattern(target);
            case OPERATION -> operation(target);
            case GENERATION -> generation(target);
            case TAG -> tag(target);
            case ALL -> {
                long n = 0;
                for (MethodCache m : methods) {
                    n += m.invalidateAll();
                }
                n += programmatic.all();
                yield n == 0 ? Map.of() : Map.of("", n);
            }
        };
    }

    /** @return memory entries removed, by operation (every operation the pattern can match, 0 included) */
    private Map<String, Long> pattern(String pattern) {
        GlobPattern glob = GlobPattern.compile(Objects.requireNonNull(pattern, "pattern must not be null"));
        String prefix = glob.literalPrefix();
        Map<String, Long> removed = new TreeMap<>();
        for (MethodCache m : methods) {
            String opPrefix = m.operation() + ":";
            if (!(prefix.startsWith(opPrefix) || opPrefix.startsWith(prefix))) {
                continue; // no key of this operation can match
            }
            long n;
            if (pattern.equals(opPrefix + "*")) {
                n = m.invalidateAll();
            } else {
                n = m.invalidateMatching(glob::matches);
            }
            removed.merge(m.operation(), n, Long::sum);
        }
        programmatic.pattern(glob, removed);
        LOG.debug("cacheweave: invalidated pattern {} ({} memory entries)", pattern, removed);
        return removed;
    }

    private Map<String, Long> operation(String operation) {
        Objects.requireNonNull(operation, "operation must not be null");
        long n = 0;
        for (MethodCache m : methods) {
            if (m.operation().equals(operation)) {
                n += m.invalidateAll();
            }
        }
        LOG.debug("cacheweave: invalidated operation {}", operation);
        Map<String, Long> removed = new TreeMap<>();
        removed.put(operation, n);
        programmatic.operation(operation, removed);
        return removed;
    }

    /**
     * Another node's new generation of an operation ({@code <generation> <operation>}). Loads and reads under way are
     * fenced first (so a load that writes under the new generation sees the fence and deletes what it wrote), then
     * this node learns the generation, then the memory tiers are emptied: once an entry is gone from memory, a read
     * of the shared tier uses the new generation, and a read that used the old one does not keep what it found.
     */
    private Map<String, Long> generation(String target) {
        int space = target.indexOf(' ');
        String operation = target.substring(space + 1);
        fence(operation);
        if (generations != null) {
            generations.learn(Generations.operationId(operation), Long.parseLong(target.substring(0, space)));
        }
        return operation(operation);
    }

    /** Makes the reads and loads under way of an operation ({@code null}: of every one) not store what they found. */
    private void fence(String operation) {
        for (MethodCache m : methods) {
            if (operation == null || m.operation().equals(operation)) {
                m.fence();
            }
        }
        programmatic.fence(operation);
    }

    /**
     * Another node's new generation of a tag ({@code <generation> <tag>}): as {@link #generation}, for the entries
     * carrying the tag.
     */
    private Map<String, Long> tag(String target) {
        int space = target.indexOf(' ');
        String tag = target.substring(space + 1);
        fence(null); // any entry may carry the tag
        if (generations != null) {
            generations.learn(Generations.tagId(tag), Long.parseLong(target.substring(0, space)));
        }
        return tagged(tag);
    }

    /**
     * Removes the memory-tier entries carrying {@code tag}, of every method and programmatic cache, and makes every
     * read or load under way not keep what it found.
     *
     * @return memory entries removed, by operation
     */
    Map<String, Long> tagged(String tag) {
        Map<String, Long> removed = new TreeMap<>();
        for (MethodCache m : methods) {
            long n = m.invalidateTagged(tag);
            if (n > 0) {
                removed.merge(m.operation(), n, Long::sum);
            }
        }
        programmatic.tagged(tag, removed);
        LOG.debug("cacheweave: invalidated tag {} ({} memory entries)", tag, removed);
        return removed;
    }

    /**
     * Records one invalidation request with the monitor: per operation it reached (count, target, context, entries
     * removed: the larger of the memory and shared tier's counts when only one operation was reached, since an entry
     * usually sits in both), the runtime-wide rate, and one observer event. For every cache of the runtime that
     * invalidates, woven or programmatic.
     *
     * @param removedByOperation memory entries removed per operation ({@code ""}: not attributed to one)
     * @param target the pattern, {@code operation:<name>}, the exact key, or {@code *}
     * @param context the caller's context, or {@code ""}
     * @param sharedRemoved entries the shared tier removed
     * @return entries removed: the larger of the memory tiers' count and the shared tier's
     */
    long record(Map<String, Long> removedByOperation, String target, String context, long sharedRemoved) {
        String ctx = context == null ? "" : context;
        recording.invalidationEvent();
        long memory = 0;
        String single = removedByOperation.size() == 1 ? removedByOperation.keySet().iterator().next() : "";
        for (Map.Entry<String, Long> e : removedByOperation.entrySet()) {
            memory += e.getValue();
            if (!e.getKey().isEmpty()) {
                counters.apply(e.getKey()).invalidated(target, ctx,
                        e.getKey().equals(single) ? Math.max(e.getValue(), sharedRemoved) : e.getValue());
            }
        }
        long keys = Math.max(memory, sharedRemoved);
        if (recording.enabled() && recording.observed()) {
            recording.fire(o -> o.onInvalidation(single, target, ctx, keys));
        }
        return keys;
    }

    /** @return the listener that applies the other nodes' invalidations (recorded with context {@code remote}) */
    InvalidationBus.Listener remoteListener() {
        return new InvalidationBus.Listener() {
            @Override
            public void onInvalidation(Invalidation invalidation) {
                try {
                    Map<String, Long> removed = apply(invalidation.kind(), invalidation.target());
                    if (invalidation.kind() == Invalidation.Kind.PATTERN
                            && programmatic.isOneKey(invalidation.target())) {
                        return; // another node's put or delete of one programmatic entry: not an invalidation
                    }
                    String target = switch (invalidation.kind()) {
                        case PATTERN -> invalidation.target();
                        case OPERATION -> "operation:" + invalidation.target();
                        case GENERATION -> "operation:" + afterGeneration(invalidation.target());
                        case TAG -> "tag:" + afterGeneration(invalidation.target());
                        case ALL -> "*";
                    };
                    record(removed, target, "remote", 0);
                } catch (RuntimeException e) {
                    LOG.warn("cacheweave: could not apply {}; clearing the memory tier instead", invalidation, e);
                    apply(Invalidation.Kind.ALL, "");
                }
            }

            @Override
            public void onMessagesLost(String reason) {
                LOG.info("cacheweave: invalidations from other nodes may have been missed ({}); clearing the "
                        + "memory tier", reason);
                if (generations != null) {
                    generations.forget(); // read again from the shared tier before use
                }
                apply(Invalidation.Kind.ALL, "");
            }
        };
    }

    private static String afterGeneration(String target) {
        return target.substring(target.indexOf(' ') + 1);
    }
}
