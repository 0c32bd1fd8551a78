package io.cacheweave.runtime.tier;

import java.util.concurrent.BlockingQueue;

/** Test listeners of the invalidation bus that record what they are told, in order. */
final class Recorder {

    /** A lost-messages notice, as recorded. */
    record Lost(String reason) {
    }

    private Recorder() {
    }

    /** @return a listener adding each {@link Invalidation} and each {@link Lost} notice to {@code events} */
    static InvalidationBus.Listener into(BlockingQueue<Object> events) {
        return new InvalidationBus.Listener() {
            @Override
            public void onInvalidation(Invalidation invalidation) {
                events.add(invalidation);
            }

            @Override
            public void onMessagesLost(String reason) {
                events.add(new Lost(reason));
            }
        };
    }
}
