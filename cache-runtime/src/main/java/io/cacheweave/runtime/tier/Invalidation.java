package io.cacheweave.runtime.tier;

import java.util.Objects;

/**
 * One invalidation as sent to the other nodes, so they drop their memory-tier copies.
 *
 * @param nodeId the sending node's id (random per runtime)
 * @param sequence the sender's message number: 1, 2, 3, ... with no gaps; a receiver that sees a gap has missed a
 *     message and clears its whole memory tier
 * @param kind what {@code target} is
 * @param target the glob over logical keys, the operation name, {@code <generation> <operation>} for
 *     {@link Kind#GENERATION}, {@code <generation> <tag>} for {@link Kind#TAG}, or empty for {@link Kind#ALL}
 */
public record Invalidation(String nodeId, long sequence, Kind kind, String target) {

    /** Checks for nulls. */
    public Invalidation {
        Objects.requireNonNull(nodeId, "nodeId must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(target, "target must not be null");
    }

    /** What an invalidation removes. */
    public enum Kind {
        /** Entries whose logical key matches the glob {@code target}. */
        PATTERN,
        /** Every entry of the operation {@code target}. */
        OPERATION,
        /** Every entry. */
        ALL,
        /**
         * Every entry of an operation, by a new generation of it: {@code target} is {@code <generation> <operation>},
         * the generation the shared tier's counter now holds (the receiver uses it for the operation's keys).
         */
        GENERATION,
        /**
         * Every entry carrying a tag, by a new generation of it: {@code target} is {@code <generation> <tag>}; the
         * tag is the rest of the target, verbatim.
         */
        TAG
    }
}
