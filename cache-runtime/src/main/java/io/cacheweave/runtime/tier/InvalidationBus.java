package io.cacheweave.runtime.tier;

/**
 * Carries invalidations between nodes (Redis pub/sub). Each runtime publishes its own invalidations and applies the
 * others' to its memory tier. Messages carry the sender's id and a gap-free sequence number, so a receiver can tell
 * when it missed one; a receiver that missed messages, or whose subscription was lost and re-established, is told
 * through {@link Listener#onMessagesLost(String)} and must clear its memory tier (bounded staleness instead of
 * silent staleness).
 */
public interface InvalidationBus extends AutoCloseable {

    /** The default bound on staleness: how long a node serves its memory tier without hearing from the bus. */
    java.time.Duration DEFAULT_MAX_STALENESS = java.time.Duration.ofMillis(200);

    /**
     * Sends an invalidation to every other node, and returns once it is sent (for Redis: once {@code PUBLISH} was
     * answered, at most the command timeout later). Never throws; a failure is logged and counted, and the other
     * nodes keep their copies until they notice the gap with this node's next message, or until those expire.
     *
     * @param kind what to invalidate
     * @param target the pattern or operation, empty for {@link Invalidation.Kind#ALL}
     */
    void publish(Invalidation.Kind kind, String target);

    /**
     * As {@link #publish} for several targets of one kind, in order, returning once all are sent.
     *
     * @param kind what to invalidate
     * @param targets the patterns or operations
     */
    default void publishAll(Invalidation.Kind kind, java.util.Collection<String> targets) {
        targets.forEach(target -> publish(kind, target));
    }

    /**
     * @return whether this node may serve its memory tier now, as far as this bus can tell; {@code null} when it
     *     cannot tell (the memory tier is then always served)
     */
    default BusHealth health() {
        return null;
    }

    /** @return this node's id, as carried by its messages */
    String nodeId();

    /** Unsubscribes and releases connections. */
    @Override
    void close();

    /** Receives the invalidations of the other nodes (never this node's own). */
    interface Listener {
        /** @param invalidation an invalidation sent by another node, in order per sender */
        void onInvalidation(Invalidation invalidation);

        /** @param reason why messages may have been missed: a sequence gap, or a lost and renewed subscription */
        void onMessagesLost(String reason);
    }
}
