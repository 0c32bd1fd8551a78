package io.cacheweave.runtime.tier;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last sequence number seen from each sender, to notice lost messages. A sender seen for the first time starts
 * where it is. Remembers the most recently heard {@code maxSenders} senders (nodes come and go with restarts, each
 * with a new id). Not thread-safe: one thread delivers all messages.
 */
final class SequenceTracker {
    private final Map<String, Long> last;

    SequenceTracker(int maxSenders) {
        this.last = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxSenders;
            }
        };
    }

    /**
     * Records a message.
     *
     * @return {@code null} when it follows the sender's previous message (or is the first one heard), otherwise why
     *     messages may have been lost
     */
    String accept(String sender, long sequence) {
        Long previous = last.put(sender, sequence);
        if (previous == null || sequence == previous + 1) {
            return null;
        }
        if (sequence > previous + 1) {
            long missed = sequence - previous - 1;
            return "missed " + missed + " invalidation" + (missed == 1 ? "" : "s") + " from node " + sender
                    + " (sequence " + sequence + " after " + previous + ")";
        }
        return "invalidation from node " + sender + " out of order (sequence " + sequence + " after " + previous + ")";
    }

    /** Forgets every sender (after a renewed subscription, which is reported on its own). */
    void reset() {
        last.clear();
    }

    int senders() {
        return last.size();
    }
}
