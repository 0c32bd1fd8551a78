package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire format of the invalidation bus, and gap detection. */
class InvalidationMessageTest {

    @Test
    void encode_format() {
        assertEquals("cw1 node-1 42 PATTERN summarize:*",
                InvalidationMessage.encode("node-1", 42, Invalidation.Kind.PATTERN, "summarize:*"));
        assertEquals("cw1 n 1 ALL ", InvalidationMessage.encode("n", 1, Invalidation.Kind.ALL, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "summarize:*", " leading and trailing ", "two  spaces", "line\nbreak\r\n",
        "users:a\\:x:*", "cw1 n 1 ALL ", "ünïcödé 😀", "\u0000"})
    void decode_roundTripsAnyTarget(String target) {
        for (Invalidation.Kind kind : Invalidation.Kind.values()) {
            Invalidation decoded = InvalidationMessage.decode(InvalidationMessage.encode("node", 7, kind, target));
            assertEquals(new Invalidation("node", 7, kind, target), decoded);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "cw1", "cw1 n 1 ALL", "cw2 n 1 ALL ", "CW1 n 1 ALL ", "cw1 n x ALL ",
        "cw1 n 0 ALL ", "cw1 n -1 ALL ", "cw1 n 1 all ", "cw1 n 1 NONE x", "cw1  1 ALL ", "hello world"})
    void decode_rejectsMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> InvalidationMessage.decode(text));
    }

    @Test
    void isNodeId() {
        assertTrue(InvalidationMessage.isNodeId("6f1c0c8e-2b1a-4d8e-9f00-0123456789ab"));
        assertFalse(InvalidationMessage.isNodeId(""));
        assertFalse(InvalidationMessage.isNodeId("a b"));
        assertFalse(InvalidationMessage.isNodeId("é"));
        assertFalse(InvalidationMessage.isNodeId("x".repeat(101)));
    }

    @Test
    void sequenceTracker_firstSeenStartsThere_gapsAndReordersReported() {
        SequenceTracker t = new SequenceTracker(10);
        assertNull(t.accept("a", 41));
        assertNull(t.accept("a", 42));
        assertNull(t.accept("b", 1));
        assertEquals("missed 2 invalidations from node a (sequence 45 after 42)", t.accept("a", 45));
        assertEquals("invalidation from node a out of order (sequence 44 after 45)", t.accept("a", 44));
        assertEquals("invalidation from node b out of order (sequence 1 after 1)", t.accept("b", 1));
        t.reset();
        assertNull(t.accept("a", 100));
    }

    @Test
    void sequenceTracker_forgetsLeastRecentlyHeardSenders() {
        SequenceTracker t = new SequenceTracker(2);
        t.accept("a", 1);
        t.accept("b", 1);
        t.accept("a", 2);
        t.accept("c", 1); // b is forgotten
        assertEquals(2, t.senders());
        assertNull(t.accept("b", 5));
        assertEquals("missed 1 invalidation from node c (sequence 3 after 1)", t.accept("c", 3));
    }
}
